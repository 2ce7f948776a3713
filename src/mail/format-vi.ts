/**
 * Vietnamese number and date formatting for emails: `2.527`, `88,8%`, `30/06/2024`.
 * Private to src/mail until src/domain/vietnamese-format.ts settles; the output is the same convention.
 */

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number the Vietnamese way: `.` groups thousands, `,` marks decimals (`1.234,5`). */
export function formatNumber(value: number, maxFractionDigits = 2): string {
  let format = numberFormats.get(maxFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxFractionDigits, useGrouping: true });
    numberFormats.set(maxFractionDigits, format);
  }
  return format.format(value);
}

/** A percentage given in points (`88.75` → `88,8%`). */
export function formatPercent(points: number): string {
  return `${formatNumber(points, 1)}%`;
}

/** An indicator value with its unit: `88,8%`, `2.527 hồ sơ`. */
export function formatValue(value: number, unit: string): string {
  if (unit === '%') return formatPercent(value);
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** A difference between two indicator values: `17,5 điểm phần trăm`, `120 hồ sơ`. */
export function formatGap(gap: number, unit: string): string {
  if (unit === '%') return `${formatNumber(gap, 1)} điểm phần trăm`;
  return formatValue(gap, unit);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function partsOf(instant: number, timeZone: string): Record<string, string> {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

/** The calendar date of `instant` in `timeZone`, as `dd/mm/yyyy`. */
export function formatDate(instant: number, timeZone: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** The wall-clock time of `instant` in `timeZone`, as `HH:mm ngày dd/mm/yyyy`. */
export function formatDateTime(instant: number, timeZone: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.hour}:${p.minute} ngày ${p.day}/${p.month}/${p.year}`;
}

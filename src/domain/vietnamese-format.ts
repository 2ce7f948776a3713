import { pad2, partsOfDayNumber } from './civil-date.js';
import { DEFAULT_TIME_ZONE, timeZoneNamed } from './time-zone.js';

/**
 * Numbers, percentages and dates as Vietnamese official documents write them: `.` groups thousands,
 * `,` is the decimal mark (2.527; 88,8), dates are `dd/mm/yyyy` and times `HH:mm dd/mm/yyyy`.
 * Written by hand rather than with `Intl.NumberFormat('vi-VN')` so output does not depend on the ICU build.
 */

const VIETNAMESE_NUMBER = /^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$/;

/** A number in Vietnamese notation, rounded to at most `maximumFractionDigits` (default 2): 2527 → `2.527`, 88.8 → `88,8`. */
export function formatNumber(value: number, maximumFractionDigits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Math.abs(value).toFixed(maximumFractionDigits);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const negative = value < 0 && /[1-9]/.test(whole + trimmed);
  return `${negative ? '-' : ''}${grouped}${trimmed ? `,${trimmed}` : ''}`;
}

/** A value already in percent points, Vietnamese style: 88.8 → `88,8%` (at most one decimal by default). */
export function formatPercent(value: number, maximumFractionDigits = 1): string {
  return `${formatNumber(value, maximumFractionDigits)}%`;
}

/** Reads a number written in Vietnamese notation (`2.527,5` → 2527.5), or null when it is not one. */
export function parseVietnameseNumber(text: string): number | null {
  const t = text.trim();
  if (!VIETNAMESE_NUMBER.test(t)) return null;
  return Number(t.replace(/\./g, '').replace(',', '.'));
}

/** The local date of an instant as `dd/mm/yyyy` in `timeZone` (default `Asia/Ho_Chi_Minh`). */
export function formatDate(at: number, timeZone = DEFAULT_TIME_ZONE): string {
  const { year, month, day } = partsOfDayNumber(timeZoneNamed(timeZone).dayNumberAt(at));
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** The local time and date of an instant as `HH:mm dd/mm/yyyy` in `timeZone` (default `Asia/Ho_Chi_Minh`). */
export function formatDateTime(at: number, timeZone = DEFAULT_TIME_ZONE): string {
  const minutes = Math.floor(timeZoneNamed(timeZone).msOfDayAt(at) / 60_000);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)} ${formatDate(at, timeZone)}`;
}

/**
 * An instant as its day when it is the start of a day in `timeZone`, as seed files write terms and holdings
 * (`30/04/2026`), otherwise with its time (`HH:mm dd/mm/yyyy`).
 */
export function formatDayOrDateTime(at: number, timeZone = DEFAULT_TIME_ZONE): string {
  return timeZoneNamed(timeZone).msOfDayAt(at) === 0 ? formatDate(at, timeZone) : formatDateTime(at, timeZone);
}

/** A local date written `YYYY-MM-DD`, as Vietnamese documents write it: `30/04/2026`. */
export function formatLocalDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * Indicator values and instants as the emails say them (`88,8%`, `2.527 hồ sơ`, `08:00 ngày 03/07/2024`),
 * built on the domain's Vietnamese number and date formats.
 */
import { formatDate, formatDateTime as formatTimeAndDate, formatLocalDate, formatNumber, formatPercent } from '../domain/vietnamese-format.js';

export { formatDate, formatLocalDate, formatNumber, formatPercent };

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

/** The wall-clock time of `instant` in `timeZone`, as a sentence says it: `08:00 ngày 03/07/2024`. */
export function formatDateTimePhrase(instant: number, timeZone: string): string {
  return `${formatTimeAndDate(instant, timeZone).slice(0, 5)} ngày ${formatDate(instant, timeZone)}`;
}

import { dayNumberOf, formatDayNumber, pad2 } from '../domain/civil-date.js';
import { parseDeadline } from '../domain/deadline-form.js';
import type { WorkingCalendar } from '../domain/working-calendar.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const HAS_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * A date as text: a string stays as written; a Date (a YAML 1.1 timestamp, an Excel date cell) becomes
 * `YYYY-MM-DD` when it is a midnight UTC (a calendar date), else its ISO form.
 */
export function dateInputText(value: string | Date): string {
  if (typeof value === 'string') return value.trim();
  if (Number.isNaN(value.getTime())) return 'invalid date';
  const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
  if (midnight) return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  return value.toISOString();
}

/**
 * An instant written as an ISO date-time (exact; without an offset, local time in the calendar's zone) or
 * a date (`2024-01-01`, `01/01/2024`), read as the start or the end of that local day. Returns the instant
 * or an error saying what was expected.
 */
export function parseInstant(text: string, calendar: WorkingCalendar, day: 'start' | 'end'): number | string {
  const written = text.trim();
  if (HAS_TIME.test(written)) {
    const parsed = parseDeadline(written, calendar);
    if (typeof parsed === 'string') return parsed;
    return parsed.kind === 'instant' ? parsed.at : `"${written}" is not a date`;
  }
  let m = ISO_DATE.exec(written);
  let dayNumber: number | null;
  if (m) dayNumber = dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = VN_DATE.exec(written))) dayNumber = dayNumberOf(Number(m[3]), Number(m[2]), Number(m[1]));
  else return `"${written}" is not a date: expected 2024-01-01, 01/01/2024 or an ISO date-time such as 2024-01-01T08:00:00+07:00.`;
  if (dayNumber === null) return `"${written}" names a day that does not exist.`;
  const date = formatDayNumber(dayNumber);
  return day === 'start' ? calendar.startOfLocalDay(date) : calendar.endOfLocalDay(date);
}

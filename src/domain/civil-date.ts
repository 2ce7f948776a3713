/**
 * Civil (calendar) dates as day numbers: whole days since 1970-01-01, with no time zone attached.
 * A day number is what the working-day calendar caches on; `YYYY-MM-DD` strings are how people and
 * seed files write the same thing.
 */

/** Milliseconds in a civil day (no leap seconds, no DST: civil days are counted, not measured). */
export const DAY_MS = 86_400_000;

/** A calendar date split into its parts; `month` is 1–12. */
export interface CivilDateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a calendar date, or null when the parts are not a real date (e.g. 30 February). */
export function dayNumberOf(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The parts of the calendar date with this day number. */
export function partsOfDayNumber(dayNumber: number): CivilDateParts {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The day number of a `YYYY-MM-DD` string, or null when it is malformed or not a real date. */
export function parseDateString(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  return dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The `YYYY-MM-DD` string of a day number. */
export function formatDayNumber(dayNumber: number): string {
  const { year, month, day } = partsOfDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

/** The number of days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Two-digit zero padding, as dates and times are written. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

import type { CalendarDay } from './calendar-day.js';
import { formatDayNumber, isWeekend, parseDateString, partsOfDayNumber } from './civil-date.js';
import type { HolidayInfo, HolidayYear } from './holiday-year.js';
import { provinceHolidays } from './province-holidays.js';
import { DEFAULT_TIME_ZONE, timeZoneNamed } from './time-zone.js';

export type { DayNote, HolidayInfo, HolidayYear } from './holiday-year.js';

/**
 * The province's working-day calendar: Monday–Friday in its time zone, minus public holidays, plus official
 * make-up working days. Pure: every method takes the instant it reasons about as epoch milliseconds, or a
 * local date as `YYYY-MM-DD`.
 */
export interface WorkingCalendar {
  /** IANA time zone the calendar reasons in, e.g. `Asia/Ho_Chi_Minh`. */
  readonly timeZone: string;
  /** True when the local day that contains `at` is a working day. */
  isWorkingDay(at: number): boolean;
  /**
   * The instant at the same local wall-clock time on the n-th working day after the local day of `at`
   * (n >= 0; n = 0 returns `at` unchanged).
   */
  addWorkingDays(at: number, n: number): number;
  /** The number of working days d with from < end-of-d <= to, i.e. working days that fully ended in (from, to]. */
  workingDaysBetween(from: number, to: number): number;
  /** The instant at the same local wall-clock time on the n-th working day before the local day of `at` (n >= 0). */
  subtractWorkingDays(at: number, n: number): number;
  /** True when the local date (`YYYY-MM-DD`) is a working day. */
  isWorkingDate(date: string): boolean;
  /** True when the local date is off for a holiday, a compensatory day or a province's extra day off. */
  isHoliday(date: string): boolean;
  /** Why the local date is off (name, source, and whether it is provisional), or null when it is not a holiday. */
  holidayInfo(date: string): HolidayInfo | null;
  /** The province's days off and make-up working days of a year, each with its source, and whether the year is provisional. */
  holidays(year: number): HolidayYear;
  /** The first working date strictly after `date`. */
  nextWorkingDay(date: string): string;
  /** The local date (`YYYY-MM-DD`) that contains `at`. */
  localDate(at: number): string;
  /** The first instant of the local date. */
  startOfLocalDay(date: string): number;
  /** The last millisecond of the local date (23:59:59.999 local): where a deadline written as a date lies. */
  endOfLocalDay(date: string): number;
  /** The instant of a local wall-clock time `HH:mm` (or `HH:mm:ss`) on the local date. */
  atLocalTime(date: string, time: string): number;
}

/** Overrides on top of the fixed public holidays, as the seed file's `calendar` section states them. */
export interface CalendarOverrides {
  /** Extra days off, `YYYY-MM-DD`. */
  extraHolidays?: readonly string[];
  /** Official make-up working days (usually Saturdays), `YYYY-MM-DD`. */
  workingDays?: readonly string[];
}

export interface WorkingCalendarOptions extends CalendarOverrides {
  timeZone?: string;
  /** Announced days with their sources (the CalendarDay rows), on top of the schedules da06 ships. */
  announcedDays?: readonly CalendarDay[];
}

export { DEFAULT_TIME_ZONE } from './time-zone.js';

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Problems with calendar overrides (bad dates, a date both off and worked), each naming the field and value. */
export function calendarOverrideErrors(overrides: CalendarOverrides): string[] {
  const errors: string[] = [];
  const check = (field: keyof CalendarOverrides): Set<string> => {
    const seen = new Set<string>();
    for (const [i, date] of (overrides[field] ?? []).entries()) {
      if (typeof date !== 'string' || parseDateString(date) === null) {
        errors.push(`calendar.${field}[${i}] is ${JSON.stringify(date)}: expected a real date written YYYY-MM-DD.`);
      } else seen.add(date);
    }
    return seen;
  };
  const off = check('extraHolidays');
  for (const date of check('workingDays')) {
    if (off.has(date)) errors.push(`calendar: ${date} is both in extraHolidays and workingDays; keep it in one.`);
  }
  return errors;
}

/** Creates the working-day calendar of a province; throws when the overrides or the time zone are invalid. */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const zone = timeZoneNamed(options.timeZone ?? DEFAULT_TIME_ZONE);
  const errors = calendarOverrideErrors(options);
  if (errors.length > 0) throw new Error(errors.join(' '));
  const holidays = provinceHolidays({
    announced: options.announcedDays ?? [],
    extraHolidays: new Set((options.extraHolidays ?? []).map((d) => parseDateString(d) as number)),
    workingDays: new Set((options.workingDays ?? []).map((d) => parseDateString(d) as number)),
  });

  const working = new Map<number, boolean>();
  const isWorkingDayNumber = (day: number): boolean => {
    const hit = working.get(day);
    if (hit !== undefined) return hit;
    const year = holidays(partsOfDayNumber(day).year);
    const result = year.makeUpWorkingDays.has(day) || (!year.daysOff.has(day) && !isWeekend(day));
    working.set(day, result);
    return result;
  };
  const holidayOf = (day: number): HolidayInfo | null => holidays(partsOfDayNumber(day).year).daysOff.get(day) ?? null;
  const dayOf = (date: string): number => {
    const day = parseDateString(date);
    if (day === null) throw new RangeError(`Invalid local date "${date}": expected a real date written YYYY-MM-DD.`);
    return day;
  };
  const nextWorkingDayNumber = (day: number): number => {
    let d = day + 1;
    while (!isWorkingDayNumber(d)) d += 1;
    return d;
  };
  const countWorkingDaysBefore = (first: number, stop: number): number => {
    let count = 0;
    for (let d = first; d < stop; d += 1) if (isWorkingDayNumber(d)) count += 1;
    return count;
  };
  const shiftWorkingDays = (at: number, n: number, step: 1 | -1): number => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number >= 0, got ${n}.`);
    if (n === 0) return at;
    let day = zone.dayNumberAt(at);
    const msOfDay = zone.msOfDayAt(at);
    for (let left = n; left > 0; ) {
      day += step;
      if (isWorkingDayNumber(day)) left -= 1;
    }
    return zone.instantAt(day, msOfDay);
  };

  return {
    timeZone: zone.name,
    isWorkingDay: (at) => isWorkingDayNumber(zone.dayNumberAt(at)),
    addWorkingDays: (at, n) => shiftWorkingDays(at, n, 1),
    subtractWorkingDays: (at, n) => shiftWorkingDays(at, n, -1),
    workingDaysBetween(from, to) {
      if (to <= from) return 0;
      // Day d counts when from < end(d) <= to: d runs from the day of `from` (its end is after `from`)
      // up to the day of `to`, which counts only when `to` is its very last millisecond.
      const first = zone.dayNumberAt(from);
      const toDay = zone.dayNumberAt(to);
      const stop = to === zone.instantAt(toDay + 1, 0) - 1 ? toDay + 1 : toDay;
      return countWorkingDaysBefore(first, stop);
    },
    isWorkingDate: (date) => isWorkingDayNumber(dayOf(date)),
    isHoliday: (date) => holidayOf(dayOf(date)) !== null,
    holidayInfo: (date) => holidayOf(dayOf(date)),
    holidays,
    nextWorkingDay: (date) => formatDayNumber(nextWorkingDayNumber(dayOf(date))),
    localDate: (at) => formatDayNumber(zone.dayNumberAt(at)),
    startOfLocalDay: (date) => zone.instantAt(dayOf(date), 0),
    endOfLocalDay: (date) => zone.instantAt(dayOf(date) + 1, 0) - 1,
    atLocalTime(date, time) {
      const m = TIME.exec(time);
      const hours = Number(m?.[1]);
      const minutes = Number(m?.[2]);
      const seconds = Number(m?.[3] ?? 0);
      if (!m || hours > 23 || minutes > 59 || seconds > 59) {
        throw new RangeError(`Invalid local time "${time}": expected HH:mm between 00:00 and 23:59.`);
      }
      return zone.instantAt(dayOf(date), ((hours * 60 + minutes) * 60 + seconds) * 1000);
    },
  };
}

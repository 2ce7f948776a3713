import { parseDateString, partsOfDayNumber } from './civil-date.js';
import type { CalendarDay } from './calendar-day.js';
import { holidayYear, statutoryYear, type DayNote, type HolidayInfo, type HolidayYear } from './holiday-year.js';

/** A day off the seed file lists as a plain date, without the document that announced it. */
export const EXTRA_HOLIDAY: HolidayInfo = { name: 'Ngày nghỉ bổ sung của tỉnh', source: 'Tệp seed của tỉnh (calendar.extraHolidays)', provisional: false };
/** A working day the seed file lists as a plain date. */
export const EXTRA_WORKING_DAY: DayNote = { name: 'Ngày làm việc bổ sung của tỉnh', source: 'Tệp seed của tỉnh (calendar.workingDays)' };

/** What a province adds to the holidays da06 ships: announced days with their sources, and the seed's plain dates. */
export interface ProvinceDays {
  /** Days loaded with `da06 calendar load` or the seed's `calendar:` entries that carry a source. */
  announced: readonly CalendarDay[];
  /** The seed's plain `extraHolidays` and `workingDays`, as day numbers. */
  extraHolidays: ReadonlySet<number>;
  workingDays: ReadonlySet<number>;
}

/**
 * The province's holidays year by year (built once per year): the schedule da06 ships for the year, or — when
 * the year has announced days loaded — the days the law fixes, or else the provisional days from the rules; then
 * the announced days; then the seed's plain dates. Each later layer wins over the earlier ones for its dates,
 * and a year stops being provisional as soon as one announced day of it is loaded.
 */
export function provinceHolidays(days: ProvinceDays): (year: number) => HolidayYear {
  const announcedByYear = new Map<number, Array<[number, CalendarDay]>>();
  for (const day of days.announced) {
    const number = parseDateString(day.date);
    if (number === null) throw new Error(`The announced calendar holds an invalid date ${JSON.stringify(day.date)}: expected YYYY-MM-DD. Load a corrected schedule with \`da06 calendar load FILE\`.`);
    const year = partsOfDayNumber(number).year;
    const list = announcedByYear.get(year) ?? [];
    list.push([number, day]);
    announcedByYear.set(year, list);
  }
  const built = new Map<number, HolidayYear>();
  return (year) => {
    const known = built.get(year);
    if (known) return known;
    const announced = announcedByYear.get(year) ?? [];
    const shipped = holidayYear(year);
    const base = announced.length > 0 && shipped.provisional ? statutoryYear(year) : shipped;
    const daysOff = new Map(base.daysOff);
    // Within one layer a day off wins over a make-up day, as it always has.
    const makeUpWorkingDays = new Map([...base.makeUpWorkingDays].filter(([d]) => !daysOff.has(d)));
    const off = (d: number, info: HolidayInfo) => {
      daysOff.set(d, info);
      makeUpWorkingDays.delete(d);
    };
    const worked = (d: number, note: DayNote) => {
      makeUpWorkingDays.set(d, note);
      daysOff.delete(d);
    };
    for (const [d, day] of announced) {
      if (day.kind === 'dayOff') off(d, { name: day.name, source: day.source, provisional: false });
      else worked(d, { name: day.name, source: day.source });
    }
    for (const d of days.extraHolidays) if (partsOfDayNumber(d).year === year) off(d, EXTRA_HOLIDAY);
    for (const d of days.workingDays) if (partsOfDayNumber(d).year === year) worked(d, EXTRA_WORKING_DAY);
    const result: HolidayYear = { year, provisional: base.provisional, daysOff, makeUpWorkingDays };
    built.set(year, result);
    return result;
  };
}

import Holidays from 'date-holidays';
import { DAY_MS, dayNumberOf, isWeekend, parseDateString } from './civil-date.js';
import { LABOUR_CODE_COMPENSATION, LABOUR_CODE_HOLIDAYS, officialSchedules, type OfficialSchedule } from './official-schedules.js';

/** A day set apart from the ordinary week: its name and the document that announced it (or the law that fixes it). */
export interface DayNote {
  name: string;
  source: string;
}

/** Why a day is off: its name and source, and whether it is computed from the rules rather than announced. */
export interface HolidayInfo extends DayNote {
  provisional: boolean;
}

/** One year of holidays: days off and make-up working days, keyed by day number. */
export interface HolidayYear {
  year: number;
  /** True when the year has no announced schedule and its days come from the rules. */
  provisional: boolean;
  daysOff: ReadonlyMap<number, HolidayInfo>;
  makeUpWorkingDays: ReadonlyMap<number, DayNote>;
}

let vietnam: Holidays | undefined;
const years = new Map<number, HolidayYear>();
const statutoryYears = new Map<number, HolidayYear>();

/** The holidays of a year in Vietnam: the announced schedule da06 ships when there is one, otherwise provisional days. */
export function holidayYear(year: number): HolidayYear {
  const known = years.get(year);
  if (known) return known;
  const schedule = officialSchedules.get(year);
  const built = schedule ? fromSchedule(schedule) : fromRules(year, true);
  years.set(year, built);
  return built;
}

/**
 * The days the law itself fixes, which need no announcement: the fixed-date holidays (Tết Dương lịch, Giỗ Tổ,
 * 30/4, 1/5, 2/9) and a day in lieu of each that falls on a weekend. The base of a year whose announced schedule
 * was loaded rather than shipped: the loaded days add Tết, the day adjacent to 2/9 and any swap.
 */
export function statutoryYear(year: number): HolidayYear {
  const known = statutoryYears.get(year);
  if (known) return known;
  const built = fromRules(year, false);
  statutoryYears.set(year, built);
  return built;
}

function fromSchedule(schedule: OfficialSchedule): HolidayYear {
  const daysOff = new Map<number, HolidayInfo>();
  for (const run of schedule.daysOff) {
    const from = dayOf(run.from);
    const to = dayOf(run.to);
    for (let d = from; d <= to; d += 1) daysOff.set(d, { name: run.name, source: run.source, provisional: false });
  }
  const makeUpWorkingDays = new Map<number, DayNote>();
  for (const day of schedule.makeUpWorkingDays) makeUpWorkingDays.set(dayOf(day.date), { name: day.name, source: day.source });
  return { year: schedule.year, provisional: false, daysOff, makeUpWorkingDays };
}

/**
 * Days off from the statutory rules: `date-holidays` public days for VN (Tết Dương lịch; Tết Nguyên đán,
 * five days from the eve of the lunar new year; Giỗ Tổ; 30/4; 1/5; 2/9), plus 1/9 as the day adjacent to
 * Quốc khánh (Bộ luật Lao động 2019, Điều 112), plus a compensatory day off on the next working day for
 * each holiday that falls on a Saturday or Sunday (Điều 111 khoản 3). This yields a Tết break of five
 * working days and reproduces the announced 2024–2026 Quốc khánh days. Without `guessAnnounced`, only the
 * fixed-date holidays and their days in lieu: the Tết days and the adjacent day are the Prime Minister's to set.
 */
function fromRules(year: number, guessAnnounced: boolean): HolidayYear {
  vietnam ??= new Holidays('VN');
  const statutory = new Map<number, string>();
  for (const holiday of vietnam.getHolidays(year, 'vi')) {
    if (holiday.type !== 'public') continue;
    const first = dayOf(holiday.date.slice(0, 10));
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    const isTet = /Tết Nguyên/i.test(holiday.name);
    if (isTet && !guessAnnounced) continue;
    // The five-day Tết rule is named after its first day (Giao thừa); name the whole break after Tết.
    const name = length > 1 && isTet ? 'Tết Nguyên đán' : holiday.name;
    for (let d = first; d < first + length; d += 1) if (!statutory.has(d)) statutory.set(d, name);
  }
  const adjacentToNationalDay = dayNumberOf(year, 9, 1);
  if (guessAnnounced && adjacentToNationalDay !== null && !statutory.has(adjacentToNationalDay)) {
    statutory.set(adjacentToNationalDay, 'Quốc khánh (ngày liền kề)');
  }

  const provisional = guessAnnounced;
  const daysOff = new Map<number, HolidayInfo>();
  for (const [day, name] of statutory) daysOff.set(day, { name, source: LABOUR_CODE_HOLIDAYS, provisional });
  const ordered = [...statutory.entries()].sort(([a], [b]) => a - b);
  for (const [day, name] of ordered) {
    if (!isWeekend(day)) continue;
    let compensation = day + 1;
    while (isWeekend(compensation) || daysOff.has(compensation)) compensation += 1;
    daysOff.set(compensation, { name: `${name} (nghỉ bù)`, source: LABOUR_CODE_COMPENSATION, provisional });
  }
  return { year, provisional, daysOff, makeUpWorkingDays: new Map() };
}

function dayOf(text: string): number {
  const day = parseDateString(text);
  if (day === null) throw new Error(`Holiday data holds an invalid date "${text}": expected YYYY-MM-DD.`);
  return day;
}

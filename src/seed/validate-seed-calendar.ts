import type { CalendarDay, CalendarDayKind } from '../domain/calendar-day.js';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/working-calendar.js';
import { announcedDaySchema, checkCalendarDays, type DayEntry } from './check-calendar-days.js';
import type { ProblemCollector } from './problem-collector.js';
import { show } from './seed-issues.js';
import { calendarSchema } from './seed-schema.js';

/** The seed's `calendar:` block once checked: plain dates for the Province row, announced days for CalendarDay. */
export interface SeedCalendar {
  extraHolidays: string[];
  workingDays: string[];
  announced: CalendarDay[];
}

const FIELDS: Array<[keyof SeedCalendar & ('extraHolidays' | 'workingDays'), CalendarDayKind]> = [
  ['extraHolidays', 'dayOff'],
  ['workingDays', 'makeUpWorkingDay'],
];

/**
 * Checks the seed's `calendar:` block. A day is a plain date (kept in the Province row, as before: no source, not
 * checked against the week) or `{ date, name, source }`, an announced day checked like `da06 calendar load` checks
 * it and written to CalendarDay. Returns the block and the calendar the tasks are read with.
 */
export function validateSeedCalendar(raw: unknown, timeZone: string, problems: ProblemCollector): { seedCalendar: SeedCalendar; calendar: WorkingCalendar } {
  const base = createWorkingCalendar({ timeZone });
  const input = problems.parse(calendarSchema, raw ?? {}, ['calendar']);
  const entries: DayEntry[] = [];
  for (const [field, kind] of FIELDS) {
    (input?.[field] ?? []).forEach((value, i) => {
      const path = ['calendar', field, i];
      if (typeof value === 'string' || value instanceof Date) entries.push({ path, kind, date: value });
      else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const day = problems.parse(announcedDaySchema, value, path);
        if (day) entries.push({ path, kind, date: day.date, announced: { name: day.name, source: day.source } });
      } else problems.add(path, `is ${show(value)}; expected a date written YYYY-MM-DD or an announced day { date, name, source }`);
    });
  }
  const checked = checkCalendarDays(entries, problems, { calendar: base, sourceHint: 'as its source' });
  const seedCalendar = { extraHolidays: checked.plain.dayOff, workingDays: checked.plain.makeUpWorkingDay, announced: checked.announced };
  let calendar = base;
  try {
    calendar = createWorkingCalendar({ timeZone, extraHolidays: seedCalendar.extraHolidays, workingDays: seedCalendar.workingDays, announcedDays: seedCalendar.announced });
  } catch {
    // The problems are recorded already; the tasks are still checked against the base calendar.
  }
  return { seedCalendar, calendar };
}

import { z } from 'zod';
import type { CalendarDay, CalendarDayKind } from '../domain/calendar-day.js';
import type { WorkingCalendar } from '../domain/working-calendar.js';
import { announcedDaySchema, checkCalendarDays, type DayEntry } from './check-calendar-days.js';
import { ProblemCollector } from './problem-collector.js';
import { headerText } from './seed-schema.js';
import type { Locate, SeedProblem } from './seed-types.js';

/** The shape of a `da06 calendar load` file; each day is checked on its own by `announcedDaySchema`. */
export const calendarFileSchema = z.strictObject({
  year: z.number({ error: 'expected the year the file announces, as a number such as 2027' }).int().min(1900).max(2200),
  source: headerText.optional(),
  daysOff: z.array(z.unknown()).optional(),
  makeUpWorkingDays: z.array(z.unknown()).optional(),
});

/** An announced schedule read from a file: its year and its days, each with its source. */
export interface CalendarSchedule {
  year: number;
  days: CalendarDay[];
}

export type CalendarFileValidation = { ok: true; schedule: CalendarSchedule } | { ok: false; problems: SeedProblem[] };

const LISTS: Array<['daysOff' | 'makeUpWorkingDays', CalendarDayKind]> = [
  ['daysOff', 'dayOff'],
  ['makeUpWorkingDays', 'makeUpWorkingDay'],
];

/**
 * Validates a calendar file as a whole (every problem with its field and value) against the province's current
 * calendar: the days must lie in `year`, be real dates, appear once, a day off must be a weekday (or a make-up
 * Saturday given off after all), a make-up working day a Saturday, and each day needs a source, its own or the file's.
 */
export function validateCalendarFile(document: unknown, options: { calendar: WorkingCalendar; locate?: Locate }): CalendarFileValidation {
  const problems = new ProblemCollector(options.locate);
  const file = problems.parse(calendarFileSchema, document, []);
  if (!file) return { ok: false, problems: problems.problems };
  const entries: DayEntry[] = [];
  for (const [list, kind] of LISTS) {
    (file[list] ?? []).forEach((value, i) => {
      const day = problems.parse(announcedDaySchema, value, [list, i]);
      if (day) entries.push({ path: [list, i], kind, date: day.date, announced: { name: day.name, source: day.source } });
    });
  }
  if ((file.daysOff ?? []).length + (file.makeUpWorkingDays ?? []).length === 0) {
    problems.add([], 'lists no days; expected daysOff and/or makeUpWorkingDays, each a list of { date, name, source }');
  }
  const checked = checkCalendarDays(entries, problems, {
    calendar: options.calendar,
    year: file.year,
    ...(file.source ? { defaultSource: file.source } : {}),
    sourceHint: 'here or once for the whole file as the top-level source',
  });
  if (!problems.ok) return { ok: false, problems: problems.problems };
  return { ok: true, schedule: { year: file.year, days: checked.announced } };
}

import { extname } from 'node:path';
import type { CalendarYearListing } from '../domain/calendar-year.js';
import { listCalendarYear } from '../domain/calendar-year.js';
import { changedCalendarDays, writeCalendarDays, type CalendarDayChange } from '../engine/province/calendar-days.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import { provinceCalendar } from '../engine/province/province-calendar.js';
import { recomputeWorkingDayTimers, runningTaskCodes, type RecomputeOutcome } from '../engine/write/recompute-working-day-timers.js';
import { InputError, SeedValidationError } from '../errors.js';
import { renderProblem } from './problem-collector.js';
import { readSeedDocument } from './read-seed-document.js';
import { validateCalendarFile } from './validate-calendar-file.js';

/** What `da06 calendar load` did: the days it wrote, the year as it now stands, the tasks recomputed. */
export interface CalendarLoadOutcome {
  file: string;
  year: number;
  changes: CalendarDayChange[];
  calendar: CalendarYearListing;
  recomputed: RecomputeOutcome;
}

/**
 * Loads an announced schedule from a YAML or JSON file: validates it whole against the province's calendar and
 * writes its days to CalendarDay in ONE transaction (nothing at all when anything is wrong: a
 * `SeedValidationError` lists every problem), then sends CALENDAR_CHANGED to every running task when a day
 * changed, so their working-day timers are computed with the new calendar.
 */
export async function loadCalendarFile(deps: EngineDeps, file: string): Promise<CalendarLoadOutcome> {
  if (!['.yaml', '.yml', '.json'].includes(extname(file).toLowerCase())) {
    throw new InputError(`${file}: a calendar file is YAML (.yaml, .yml) or JSON (.json); see \`da06 calendar load --help\` for its form.`);
  }
  const document = await readSeedDocument(file);
  const { year, changes, calendar, running } = await deps.prisma.$transaction(
    async (tx) => {
      const current = await provinceCalendar(tx);
      const result = validateCalendarFile(document.value, { calendar: current.calendar, locate: document.locate });
      if (!result.ok) throw new SeedValidationError(file, result.problems.map(renderProblem));
      const found = await changedCalendarDays(tx, result.schedule.days);
      await writeCalendarDays(tx, found);
      const after = await provinceCalendar(tx);
      return {
        year: result.schedule.year,
        changes: found,
        calendar: listCalendarYear(after.calendar, result.schedule.year),
        running: found.length > 0 ? await runningTaskCodes(tx) : [],
      };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  const recomputed = await recomputeWorkingDayTimers(deps, running, { actor: 'cli', channel: 'cli' });
  deps.logger.info({ file, year, changed: changes.length, recomputed: recomputed.recomputed }, 'calendar loaded');
  return { file, year, changes, calendar, recomputed };
}

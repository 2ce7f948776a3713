import { recomputeWorkingDayTimers, runningTaskCodes, type RecomputeOutcome } from '../../engine/write/recompute-working-day-timers.js';
import { loadCalendarFile } from '../../seed/load-calendar-file.js';
import { printJson, withEngine } from '../with-engine.js';
import { renderCalendarYear } from './calendar.js';

/** `da06 calendar load FILE [--json]`: validates the file whole, writes its days in one transaction, recomputes running tasks. */
export async function runCalendarLoad(file: string, options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const outcome = await loadCalendarFile(engine, file);
    if (options.json) printJson(outcome);
    else {
      const changed = outcome.changes.length;
      process.stdout.write(
        `${file}: ${changed === 0 ? `nothing changed; the ${outcome.year} days were loaded already` : `${changed} day(s) of ${outcome.year} written`}.\n` +
          recomputeLine(outcome.recomputed) +
          renderCalendarYear(outcome.calendar, null),
      );
    }
    failIfAnyFailed(outcome.recomputed);
  });
}

/** `da06 calendar recompute [--json]`: every running task computes its working-day timers again with the current calendar. */
export async function runCalendarRecompute(options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const recomputed = await recomputeWorkingDayTimers(engine, await runningTaskCodes(engine.prisma), { actor: 'cli', channel: 'cli' });
    if (options.json) printJson(recomputed);
    else process.stdout.write(recomputeLine(recomputed));
    failIfAnyFailed(recomputed);
  });
}

function recomputeLine(r: RecomputeOutcome): string {
  if (r.recomputed + r.skipped.length + r.failed.length === 0) return '';
  return `Working-day timers computed again for ${r.recomputed} running task(s)${r.skipped.length ? ` (${r.skipped.length} stopped meanwhile)` : ''}.\n`;
}

function failIfAnyFailed(r: RecomputeOutcome): void {
  if (r.failed.length === 0) return;
  process.stderr.write(
    `da06: the calendar is saved, but ${r.failed.length} task(s) kept their old timers: ${r.failed.map((f) => `${f.code} (${f.error})`).join('; ')}. Run \`da06 calendar recompute\` to try them again.\n`,
  );
  process.exitCode = 1;
}

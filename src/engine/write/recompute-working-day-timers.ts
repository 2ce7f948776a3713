import type { db } from '../../db/prisma.js';
import { EventNotAcceptedError, TaskNotFoundError } from '../../errors.js';
import { dispatch, type DispatchOptions } from './dispatch.js';
import type { EngineDeps } from '../engine-deps.js';

type Tx = db.Prisma.TransactionClient;

/** What a recompute did: tasks whose timers were set again, tasks that had stopped meanwhile, tasks that failed. */
export interface RecomputeOutcome {
  recomputed: number;
  skipped: string[];
  failed: Array<{ code: string; error: string }>;
}

// States whose clock is stopped or finished: their timers do not run, so a calendar change has nothing to move.
const STOPPED_STATES = ['suspended', 'completed', 'cancelled'];
// A few at a time: each is its own short transaction; more would only queue on the pool.
const CONCURRENCY = 4;

/** Codes of the tasks whose clock runs (every state but suspended, completed and cancelled), by code. */
export async function runningTaskCodes(tx: Tx): Promise<string[]> {
  const rows = await tx.task.findMany({ where: { state: { notIn: STOPPED_STATES } }, select: { code: true }, orderBy: { code: 'asc' } });
  return rows.map((r) => r.code);
}

/**
 * Sends `CALENDAR_CHANGED` to each task through `dispatch`, so its machine re-enters the running state and sets
 * every pending delay again with the province's new calendar, audited as an event. A task that stopped or
 * vanished meanwhile is skipped; any other failure is reported, not thrown, so one task does not hold up the rest.
 */
export async function recomputeWorkingDayTimers(deps: EngineDeps, codes: readonly string[], options: DispatchOptions): Promise<RecomputeOutcome> {
  const outcome: RecomputeOutcome = { recomputed: 0, skipped: [], failed: [] };
  let next = 0;
  const work = async (): Promise<void> => {
    for (let i = next++; i < codes.length; i = next++) {
      const code = codes[i] as string;
      try {
        await dispatch(deps, code, { type: 'CALENDAR_CHANGED', at: deps.now() }, options);
        outcome.recomputed += 1;
      } catch (error) {
        if (error instanceof EventNotAcceptedError || error instanceof TaskNotFoundError) outcome.skipped.push(code);
        else outcome.failed.push({ code, error: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, codes.length) }, work));
  if (codes.length > 0) deps.logger.info({ recomputed: outcome.recomputed, skipped: outcome.skipped.length, failed: outcome.failed.length }, 'working-day timers recomputed after a calendar change');
  return outcome;
}

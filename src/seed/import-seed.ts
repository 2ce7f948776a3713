import type { EngineDeps } from '../engine/engine-deps.js';
import { recomputeWorkingDayTimers } from '../engine/write/recompute-working-day-timers.js';
import { emptyOutcome, type SeedOutcome } from './seed-outcome.js';
import { reorganiseInSeed } from './seed-reorganisation.js';
import { inSeedTransaction } from './seed-transaction.js';
import type { ValidSeed } from './seed-types.js';
import { syncReferenceData } from './sync-reference-data.js';
import { syncTasks } from './sync-tasks.js';

export interface ImportSeedOptions {
  file: string;
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

// 100 000 tasks take seconds; the default 5 s interactive transaction timeout is far too short for them.
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

/**
 * Imports a validated seed in ONE transaction (province, units, officials, policies, then tasks), then adds
 * the new jobs to the queues, and — when the file changed the calendar — recomputes the working-day timers of
 * the tasks that were running. Idempotent by code; never deletes. With `dryRun` it reads, reports what would
 * change and writes nothing.
 */
export async function importSeed(deps: EngineDeps, seed: ValidSeed, options: ImportSeedOptions): Promise<SeedOutcome> {
  const started = performance.now();
  const at = deps.now();
  const outcome = emptyOutcome(options.file, options.dryRun, seed.province.name);
  let recomputeTasks: string[] = [];
  const afterCommits = await inSeedTransaction({ databaseUrl: deps.config.DATABASE_URL, logger: deps.logger, timeout: TRANSACTION_TIMEOUT_MS }, async (tx, connection) => {
    ({ recomputeTasks } = await syncReferenceData(tx, seed, outcome, options.dryRun, at));
    const jobs = await syncTasks(tx, connection, deps, seed, outcome, { file: options.file, dryRun: options.dryRun, at, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    // Units dissolved and heads changed by now: their tasks and unsent notices pass in this same transaction.
    return [...jobs, ...(await reorganiseInSeed(tx, deps, seed, outcome, { at, dryRun: options.dryRun }))];
  });
  const committed = performance.now();
  for (const afterCommit of afterCommits) await afterCommit();
  // The calendar changed: the tasks that ran under the old one set their working-day timers again.
  if (recomputeTasks.length > 0) {
    const recomputed = await recomputeWorkingDayTimers(deps, recomputeTasks, { actor: 'seed', channel: 'seed' });
    outcome.recomputed = { tasks: recomputed.recomputed, skipped: recomputed.skipped.length, failed: recomputed.failed.map((f) => `${f.code}: ${f.error}`) };
  }
  deps.logger.debug({ transactionSeconds: (committed - started) / 1000, enqueueSeconds: (performance.now() - committed) / 1000 }, 'seed phases');
  outcome.seconds = Math.round((performance.now() - started) / 10) / 100;
  deps.logger.info(
    { file: options.file, dryRun: options.dryRun, seconds: outcome.seconds, tasks: outcome.counts.tasks, updates: outcome.updates.length },
    options.dryRun ? 'seed checked (dry run)' : 'seed imported',
  );
  return outcome;
}

import type { Queue } from 'bullmq';
import { sqlOn } from '../../db/sql.js';
import { mailJobId } from '../../queue/job-id.js';
import type { EngineDeps } from '../engine-deps.js';
import { enqueueMail, enqueueTimers } from './enqueue.js';
import { sweepDueTimers } from './sweep.js';

export interface ReconcileReport {
  /** Pending Timer rows whose wake-up jobs were missing from Redis, and were added again. */
  timersRequeued: number;
  /** Timer rows already past due, run directly. */
  overdueTimersRun: number;
  /** Pending outbox rows whose send jobs were missing from Redis, and were added again. */
  mailRequeued: number;
  /** True when Redis had lost da06's marker (flushed or replaced), before or during the pass, and every job was checked. */
  redisWasReset: boolean;
}

const PAGE = 5000;
// Job ids looked up in Redis per round trip.
const LOOKUP_BATCH = 1000;
// A timer this late was not picked up by its job (Redis lost it, or no worker ran): run it directly.
const OVERDUE_GRACE_MS = 5_000;

function markerKey(deps: EngineDeps): string {
  return `${deps.config.QUEUE_PREFIX}:da06:reconciled`;
}

// Which of KEYS exist, as a list of 0/1: one command per batch rather than one per key.
const EXISTS_EACH = `local found = {} for i, key in ipairs(KEYS) do found[i] = redis.call('EXISTS', key) end return found`;

/**
 * The rows whose job is not in `queue`. BullMQ would ignore the add of a job id it already holds (in any state),
 * so adding only these changes nothing in Redis, and spares the client building, encoding and sending a job
 * (several kB of short-lived objects each) for every one of 100,000s of pending rows when Redis is intact.
 */
async function withoutJob<T>(deps: EngineDeps, queue: Queue, rows: readonly T[], jobIdOf: (row: T) => string): Promise<T[]> {
  const missing: T[] = [];
  for (let i = 0; i < rows.length; i += LOOKUP_BATCH) {
    const slice = rows.slice(i, i + LOOKUP_BATCH);
    // On a Redis Cluster every key of the queue lies in the prefix's hash slot, so one script may read them all.
    const found = (await deps.redis.eval(EXISTS_EACH, slice.length, ...slice.map((row) => queue.toKey(jobIdOf(row))))) as number[];
    slice.forEach((row, j) => {
      if (found[j] !== 1) missing.push(row);
    });
  }
  return missing;
}

// Ends a pass: sets the marker only if the pass's sentinel survived it (Redis was not reset meanwhile), atomically.
const FINISH_PASS = `if redis.call('del', KEYS[1]) == 1 then redis.call('set', KEYS[2], ARGV[1]) return 1 end return 0`;
// Passes in a row that Redis may lose before this call gives up (the next call starts again from a reset).
const MAX_ROUNDS = 3;
const SENTINEL_TTL_MS = 3_600_000;

/**
 * Rebuilds from PostgreSQL what Redis should hold: one wake-up job per instant that pending Timer rows are due
 * at, one send job per pending outbox row (only those missing are added), and sweeps Timer rows already past due. Pages are read with
 * plain SQL (`src/db/sql.ts`), keyset-paginated by id.
 *
 * A pass that Redis loses its data during (FLUSHDB, a failover to an empty replica) would leave the marker set
 * over jobs it had found present, or re-added, before the loss: each pass therefore sets a sentinel first, and
 * sets the marker only if the sentinel is still there at its end; otherwise it runs again, as after a reset.
 */
export async function reconcile(deps: EngineDeps, options: { full?: boolean } = {}): Promise<ReconcileReport> {
  const report: ReconcileReport = { timersRequeued: 0, overdueTimersRun: 0, mailRequeued: 0, redisWasReset: false };
  const sentinel = `${deps.config.QUEUE_PREFIX}:da06:reconciling:${process.pid}-${Math.random().toString(36).slice(2)}`;
  let finished = false;
  for (let round = 1; round <= MAX_ROUNDS && !finished; round += 1) {
    await deps.redis.set(sentinel, '1', 'PX', SENTINEL_TTL_MS);
    const reset = round > 1 || (await deps.redis.exists(markerKey(deps))) === 0;
    report.redisWasReset ||= reset;
    await reconcilePass(deps, options.full === true || reset, report);
    finished = (await deps.redis.eval(FINISH_PASS, 2, sentinel, markerKey(deps), String(deps.now()))) === 1;
    if (!finished) deps.logger.warn({ round }, 'reconcile: Redis lost its data during the pass; checking every job again');
  }
  // Repairs for /metrics (da06_reconcile_repairs_total): jobs re-added after a Redis loss and timers run late.
  const repairs = (report.redisWasReset ? report.timersRequeued + report.mailRequeued : 0) + report.overdueTimersRun;
  if (repairs > 0) await deps.redis.incrby(`${deps.config.QUEUE_PREFIX}:da06:metrics:reconcile-repairs`, repairs);
  if (lostJobs(report)) deps.logger.warn(report, 'reconcile: Redis had lost da06 state; jobs rebuilt from PostgreSQL');
  else deps.logger.info(report, report.redisWasReset ? 'reconcile done: no earlier pass recorded in this Redis; every job checked, none missing' : 'reconcile done');
  return report;
}

/**
 * Whether Redis had lost jobs that the pass had to add again. A Redis without the marker that still held every
 * job (the first start of a new installation: the seed added the jobs, no worker had reconciled yet) lost nothing,
 * and an operator is not warned about it.
 */
export function lostJobs(report: ReconcileReport): boolean {
  return report.redisWasReset && report.timersRequeued + report.mailRequeued > 0;
}

/** One pass: every pending wake-up's job when `allTimers` (a round trip per thousand instants), then due timers and mail. */
async function reconcilePass(deps: EngineDeps, allTimers: boolean, report: ReconcileReport): Promise<void> {
  const sql = sqlOn(deps.pool);
  let cursor = '';
  while (allTimers) {
    // One row per wake-up job (the rows due at one instant share it), keyset-paginated by job id.
    const wakeUps = await sql.query<{ jobId: string; fireAt: Date; rows: number }>(
      `SELECT "jobId", min("fireAt") AS "fireAt", count(*)::int AS rows FROM "Timer" WHERE state = 'pending' AND "jobId" > $1
       GROUP BY "jobId" ORDER BY "jobId" LIMIT ${PAGE}`,
      [cursor],
    );
    const last = wakeUps[wakeUps.length - 1];
    if (!last) break;
    cursor = last.jobId;
    const missing = await withoutJob(deps, deps.queues.timers, wakeUps, (t) => t.jobId);
    await enqueueTimers(deps, missing);
    report.timersRequeued += missing.reduce((n, w) => n + w.rows, 0);
  }

  // Rows this late were not swept by their job (Redis lost it, it failed five times, or no worker ran): sweep them here.
  const late = await sql.query(`SELECT 1 FROM "Timer" WHERE state = 'pending' AND "fireAt" < $1::timestamp(3) LIMIT 1`, [new Date(deps.now() - OVERDUE_GRACE_MS).toISOString()]);
  if (late.length > 0) report.overdueTimersRun += (await sweepDueTimers(deps, null)).fired;

  let mailCursor = -1n;
  for (;;) {
    const rows = await sql.query<{ id: bigint; nextAttemptAt: Date; attempts: number }>(
      `SELECT id, "nextAttemptAt", attempts FROM "Notification" WHERE status = 'pending' AND id > $1 ORDER BY id LIMIT ${PAGE}`,
      [mailCursor],
    );
    const last = rows[rows.length - 1];
    if (!last) break;
    mailCursor = last.id;
    // The ids enqueueMail gives a re-add (source 'a').
    const missing = await withoutJob(deps, deps.queues.mail, rows, (n) => mailJobId(n.id, n.attempts));
    await enqueueMail(deps, missing);
    report.mailRequeued += missing.length;
  }
}

import type { EngineDeps } from './engine-deps.js';
import { enqueueMail, enqueueTimers } from './enqueue.js';
import { fireTimer } from './fire-timer.js';

export interface ReconcileReport {
  /** Pending Timer rows whose jobs were (re)added. */
  timersRequeued: number;
  /** Timer rows already past due, run directly. */
  overdueTimersRun: number;
  /** Pending outbox rows whose send jobs were (re)added. */
  mailRequeued: number;
  /** True when Redis had lost da06's marker (flushed or replaced) and everything was re-added. */
  redisWasReset: boolean;
}

const PAGE = 5000;
// A timer this late was not picked up by its job (Redis lost it, or no worker ran): run it directly.
const OVERDUE_GRACE_MS = 5_000;

function markerKey(deps: EngineDeps): string {
  return `${deps.config.QUEUE_PREFIX}:da06:reconciled`;
}

/**
 * Rebuilds from PostgreSQL what Redis should hold: one delayed job per pending Timer row, one send job per
 * pending outbox row (BullMQ ignores ids it already has), and runs Timer rows already past due.
 */
export async function reconcile(deps: EngineDeps, options: { full?: boolean } = {}): Promise<ReconcileReport> {
  const redisWasReset = (await deps.redis.exists(markerKey(deps))) === 0;
  const report: ReconcileReport = { timersRequeued: 0, overdueTimersRun: 0, mailRequeued: 0, redisWasReset };

  // Re-adding every pending timer is cheap for BullMQ (ids dedupe) but not free with 100,000s of them:
  // do it at start, on request, and whenever Redis has lost the marker this pass sets.
  let cursor: bigint | undefined;
  for (;;) {
    if (!options.full && !redisWasReset) break;
    const timers = await deps.prisma.timer.findMany({
      where: { state: 'pending', ...(cursor !== undefined ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, jobId: true, fireAt: true },
    });
    if (timers.length === 0) break;
    cursor = timers[timers.length - 1]?.id;
    await enqueueTimers(deps, timers);
    report.timersRequeued += timers.length;
  }

  const due = await deps.prisma.timer.findMany({
    where: { state: 'pending', fireAt: { lt: new Date(deps.now() - OVERDUE_GRACE_MS) } },
    orderBy: { fireAt: 'asc' },
    take: PAGE,
    select: { jobId: true },
  });
  for (const timer of due) {
    const outcome = await fireTimer(deps, timer.jobId);
    if (outcome.fired) report.overdueTimersRun += 1;
  }

  let mailCursor: bigint | undefined;
  for (;;) {
    const rows = await deps.prisma.notification.findMany({
      where: { status: 'pending', ...(mailCursor !== undefined ? { id: { gt: mailCursor } } : {}) },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, nextAttemptAt: true, attempts: true },
    });
    if (rows.length === 0) break;
    mailCursor = rows[rows.length - 1]?.id;
    await enqueueMail(deps, rows);
    report.mailRequeued += rows.length;
  }
  await deps.redis.set(markerKey(deps), String(deps.now()));
  // Repairs for /metrics (da06_reconcile_repairs_total): jobs re-added after a Redis loss and timers run late.
  const repairs = (redisWasReset ? report.timersRequeued + report.mailRequeued : 0) + report.overdueTimersRun;
  if (repairs > 0) await deps.redis.incrby(`${deps.config.QUEUE_PREFIX}:da06:metrics:reconcile-repairs`, repairs);
  if (redisWasReset) deps.logger.warn(report, 'reconcile: Redis had lost da06 state; jobs rebuilt from PostgreSQL');
  else deps.logger.info(report, 'reconcile done');
  return report;
}

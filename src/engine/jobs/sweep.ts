import { sqlOn } from '../../db/sql.js';
import type { MailTransport } from '../../mail/transport.js';
import type { EngineDeps } from '../engine-deps.js';
import { loadProvinceContext } from '../province/province-context.js';
import type { WrittenTransitions } from '../write/write-transitions.js';
import { enqueueMail, enqueueTimers } from './enqueue.js';
import { fireDueTimers, TIMER_BATCH } from './fire-timer.js';
import { sendNotifications } from './send-notification.js';

/** What one sweep did: the wake-up job's return value, so an operator sees in Bull Board what it decided. */
export interface SweepReport {
  batches: number;
  fired: number;
  dropped: number;
  emailsSent: number;
  /** The first tasks it decided (codes), and how late the latest of them was, in ms. */
  tasks: string[];
  maxLateMs: number;
}

const TASKS_LISTED = 20;
// How long a sweep may hold back the emails of the batches it has fired while more timers are due. In a storm,
// every timer's decision (the record, the escalation) comes first, and its email at most this much later: 10,000
// deadlines at one instant are decided in seconds instead of the time it takes to also compose and send 10,000
// emails. The outbox rows are committed meanwhile, so nothing is lost if the process dies (reconcile sends them).
export const DELIVER_WITHIN_MS = 30_000;
// The smallest batch a storm is split into between lanes: below it, a lane's round trips outweigh its share.
const MIN_SHARED_BATCH = 50;

/**
 * Fires every due timer, batch after batch, until none is left: what a wake-up job does. Deciding comes before
 * delivering: while timers are due, the sweep fires batch after batch and owes the emails they wrote (committed
 * outbox rows, pending); it sends them once nothing more is due, or as soon as the oldest has waited
 * `deliverWithinMs` (DELIVER_WITHIN_MS), in batches, on the pooled transport. Those whose send window is not open
 * yet get a delayed send job. A row left unsent by a crash stays pending in the outbox, and reconcile gives it a
 * send job.
 * With `callHelpers`, a sweep that finds more due than one batch first calls in other lanes (`spreadOver`).
 */
export async function sweepDueTimers(
  deps: EngineDeps,
  transport: MailTransport | null,
  options: {
    batch?: number;
    /** The lanes of all workers: with more due than one batch, each gets a share (batches of 50 to 500). */
    spreadOver?: number;
    /** Adds `count` helper sweeps of batches of `batch` (called once, before the first batch). */
    callHelpers?: (count: number, batch: number) => Promise<void>;
    /** The longest the emails of fired batches wait while more timers are due (default DELIVER_WITHIN_MS; 0: after each batch). */
    deliverWithinMs?: number;
  } = {},
): Promise<SweepReport> {
  let batch = options.batch ?? TIMER_BATCH;
  const report: SweepReport = { batches: 0, fired: 0, dropped: 0, emailsSent: 0, tasks: [], maxLateMs: 0 };
  // Read once per sweep: a sweep lasts seconds, and a calendar change re-plans the timers it concerns anyway.
  const province = await loadProvinceContext(deps.prisma);
  const lanes = options.spreadOver ?? 1;
  if (options.callHelpers && lanes > 1) {
    const [due] = await sqlOn(deps.pool).query<{ n: number }>(`SELECT count(*)::int AS n FROM "Timer" WHERE state = 'pending' AND "fireAt" <= $1::timestamp(3)`, [
      new Date(deps.now()).toISOString(),
    ]);
    const n = due?.n ?? 0;
    batch = Math.min(batch, Math.max(MIN_SHARED_BATCH, Math.ceil(n / lanes)));
    const helpers = Math.min(lanes - 1, Math.ceil(n / batch) - 1);
    if (helpers > 0) await options.callHelpers(helpers, batch);
  }
  const deliverWithinMs = options.deliverWithinMs ?? DELIVER_WITHIN_MS;
  const owed: OwedEmail[] = [];
  let owedSince = 0;
  const deliverOwed = async (): Promise<void> => {
    if (!transport) return;
    for (let i = 0; i < owed.length; i += batch) report.emailsSent += await sendOwed(deps, transport, owed.slice(i, i + batch));
    owed.length = 0;
  };
  for (;;) {
    const fired = await fireDueTimers(deps, { limit: batch, province });
    if (fired.claimed === 0) break;
    report.batches += 1;
    report.fired += fired.fired.length;
    report.dropped += fired.dropped;
    for (const f of fired.fired) {
      if (report.tasks.length < TASKS_LISTED) report.tasks.push(f.code);
      report.maxLateMs = Math.max(report.maxLateMs, f.lateMs);
    }
    if (!transport) {
      await fired.written.afterCommit();
      continue;
    }
    const due = await scheduleWritten(deps, fired.written);
    if (owed.length === 0) owedSince = deps.now();
    owed.push(...due);
    if (owed.length > 0 && deps.now() - owedSince >= deliverWithinMs) await deliverOwed();
  }
  await deliverOwed();
  return report;
}

/** An email a sweep owes: a committed, pending outbox row whose send window is open. */
type OwedEmail = { id: bigint; nextAttemptAt: Date; attempts: number };

/** After a batch has committed: its wake-ups are scheduled, its emails not due yet given a send job; returns those due now. */
async function scheduleWritten(deps: EngineDeps, written: WrittenTransitions): Promise<OwedEmail[]> {
  await enqueueTimers(deps, written.timers);
  const now = deps.now();
  await enqueueMail(deps, written.notifications.filter((n) => n.nextAttemptAt.getTime() > now));
  // Only what a send job would need: the content is read back when they are sent (not held for seconds).
  return written.notifications.filter((n) => n.nextAttemptAt.getTime() <= now).map((n) => ({ id: n.id, nextAttemptAt: n.nextAttemptAt, attempts: n.attempts }));
}

/** Sends owed emails (one batch); if PostgreSQL fails, they are left to send jobs. */
async function sendOwed(deps: EngineDeps, transport: MailTransport, owed: readonly OwedEmail[]): Promise<number> {
  try {
    const outcomes = await sendNotifications(deps, transport, owed.map((n) => n.id));
    return outcomes.filter((o) => o === 'sent').length;
  } catch (error) {
    // PostgreSQL failed us (SMTP failures are recorded by sendNotifications): the rows stay pending, and a send
    // job each takes them when PostgreSQL is back (or, if Redis is gone too, the next reconcile pass).
    deps.logger.warn({ notifications: owed.length, err: (error as Error).message }, 'emails of a fired batch deferred to their send jobs');
    await enqueueMail(deps, owed).catch(() => {});
    return 0;
  }
}

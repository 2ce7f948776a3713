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
// The smallest batch a storm is split into between lanes: below it, a lane's round trips outweigh its share.
const MIN_SHARED_BATCH = 50;

/**
 * Fires every due timer, batch after batch, until none is left: what a wake-up job does. Each batch's emails
 * that may go now are sent by the sweep itself, right after the batch has committed, on the pooled transport
 * and from the rows as written (no job per email, nothing read back); those whose send window is not open yet
 * get a delayed send job. A row left unsent by a crash between the commit and the send stays pending in the
 * outbox, and reconcile gives it a send job.
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
  for (;;) {
    const fired = await fireDueTimers(deps, { limit: batch, province });
    if (fired.claimed === 0) return report;
    report.batches += 1;
    report.fired += fired.fired.length;
    report.dropped += fired.dropped;
    for (const f of fired.fired) {
      if (report.tasks.length < TASKS_LISTED) report.tasks.push(f.code);
      report.maxLateMs = Math.max(report.maxLateMs, f.lateMs);
    }
    report.emailsSent += transport ? await sendWritten(deps, transport, fired.written) : (await fired.written.afterCommit(), 0);
  }
}

/** After a batch has committed: its wake-ups are scheduled, its emails due now sent, the others given a send job. */
async function sendWritten(deps: EngineDeps, transport: MailTransport, written: WrittenTransitions): Promise<number> {
  await enqueueTimers(deps, written.timers);
  const now = deps.now();
  const due = written.notifications.filter((n) => n.nextAttemptAt.getTime() <= now);
  await enqueueMail(deps, written.notifications.filter((n) => n.nextAttemptAt.getTime() > now));
  if (due.length === 0) return 0;
  try {
    const content = new Map(due.flatMap((n) => (n.content ? [[n.id, n.content] as const] : [])));
    const outcomes = await sendNotifications(deps, transport, due.map((n) => n.id), content);
    return outcomes.filter((o) => o === 'sent').length;
  } catch (error) {
    // PostgreSQL failed us (SMTP failures are recorded by sendNotifications): the rows stay pending, and a send
    // job each takes them when PostgreSQL is back (or, if Redis is gone too, the next reconcile pass).
    deps.logger.warn({ notifications: due.length, err: (error as Error).message }, 'emails of a fired batch deferred to their send jobs');
    await enqueueMail(deps, due).catch(() => {});
    return 0;
  }
}

import { mailJobId } from '../../queue/job-id.js';
import type { EngineDeps } from '../engine-deps.js';

/** Runs once the transaction that decided the work has committed: adds its jobs to Redis. */
export type AfterCommit = () => Promise<void>;

const BATCH = 1000;

/** Adds one delayed job per pending Timer row; an id already in the queue is left as it is (BullMQ dedupes by job id). */
export async function enqueueTimers(deps: Pick<EngineDeps, 'queues' | 'now'>, timers: readonly { jobId: string; fireAt: Date | number }[]): Promise<void> {
  const now = deps.now();
  for (let i = 0; i < timers.length; i += BATCH) {
    await deps.queues.timers.addBulk(
      timers.slice(i, i + BATCH).map((t) => ({
        name: 'fire',
        data: { jobId: t.jobId },
        opts: { jobId: t.jobId, delay: Math.max(0, Number(t.fireAt) - now), attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
      })),
    );
  }
}

/** Adds one send job per outbox row, delayed until its send window or retry time opens. */
export async function enqueueMail(
  deps: Pick<EngineDeps, 'queues' | 'now'>,
  rows: readonly { id: bigint; nextAttemptAt: Date | number; attempts: number }[],
  source: 'a' | 'r' = 'a',
): Promise<void> {
  const now = deps.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    await deps.queues.mail.addBulk(
      rows.slice(i, i + BATCH).map((n) => ({
        name: 'send',
        data: { notificationId: n.id.toString() },
        // Removed on completion so that a later re-add under the same id (reconcile) is never ignored.
        opts: { jobId: mailJobId(n.id, n.attempts, source), delay: Math.max(0, Number(n.nextAttemptAt) - now), removeOnComplete: true },
      })),
    );
  }
}

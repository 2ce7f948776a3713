import { mailJobId } from '../../queue/job-id.js';
import type { EngineDeps } from '../engine-deps.js';

/** Runs once the transaction that decided the work has committed: adds its jobs to Redis. */
export type AfterCommit = () => Promise<void>;

const BATCH = 1000;

/** The options of a wake-up job: retried with backoff when a sweep fails, removed once done. */
export const WAKE_UP_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true } as const;

/**
 * Adds the wake-up job of each distinct instant of these Timer rows (their `jobId`), delayed until it. An id
 * already in the queue is left as it is (BullMQ dedupes by job id): 20,000 deadlines at one instant are one job.
 */
export async function enqueueTimers(deps: Pick<EngineDeps, 'queues' | 'now'>, timers: readonly { jobId: string; fireAt: Date | number }[]): Promise<void> {
  const now = deps.now();
  const instants = new Map<string, number>();
  for (const t of timers) instants.set(t.jobId, Math.min(instants.get(t.jobId) ?? Infinity, Number(t.fireAt)));
  const jobs = [...instants];
  for (let i = 0; i < jobs.length; i += BATCH) {
    await deps.queues.timers.addBulk(
      jobs.slice(i, i + BATCH).map(([jobId, at]) => ({
        name: 'wake',
        data: { at: new Date(at).toISOString() },
        opts: { jobId, delay: Math.max(0, at - now), ...WAKE_UP_JOB_OPTIONS },
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

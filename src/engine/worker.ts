import { Worker } from 'bullmq';
import { createMailTransport, type MailTransport } from '../mail/transport.js';
import { createRedis } from '../queue/connection.js';
import { QUEUE_NAMES } from '../queue/queue-names.js';
import type { EngineDeps } from './engine-deps.js';
import { fireTimer } from './fire-timer.js';
import { reconcile } from './reconcile.js';
import { sendNotification } from './send-notification.js';

export interface WorkerOptions {
  timerConcurrency?: number;
  mailConcurrency?: number;
  transport?: MailTransport;
  /** Extra periodic work of the maintenance loop (e.g. the daily digest), run after each reconcile. */
  maintenance?: Array<(deps: EngineDeps) => Promise<unknown>>;
}

export interface RunningWorker {
  /** Stops taking work, waits for the jobs in hand, and closes the worker's connections. */
  close(): Promise<void>;
  /** Resolves after the first reconcile pass (at start). */
  ready: Promise<void>;
}

// Only one process reconciles at a time (others skip that round); the lease outlives a slow pass.
const RECONCILE_LEASE_MS = 10 * 60_000;

/** Starts the timer, mail and maintenance workers of one process: the composition root of `da06 worker`. */
export function startWorker(deps: EngineDeps, options: WorkerOptions = {}): RunningWorker {
  const transport = options.transport ?? createMailTransport({ smtpUrl: deps.config.SMTP_URL, outboxDir: deps.config.MAIL_OUTBOX_DIR });
  const connection = createRedis(deps.config.REDIS_URL);
  const common = { connection, prefix: deps.config.QUEUE_PREFIX, autorun: true };

  const timers = new Worker(
    QUEUE_NAMES.timers,
    async (job) => {
      const outcome = await fireTimer(deps, (job.data as { jobId: string }).jobId);
      return outcome.fired ? { state: outcome.result.state, lateMs: outcome.lateMs } : { dropped: outcome.reason };
    },
    { ...common, concurrency: options.timerConcurrency ?? 8 },
  );
  const mail = new Worker(
    QUEUE_NAMES.mail,
    async (job) => sendNotification(deps, transport, BigInt((job.data as { notificationId: string }).notificationId)),
    { ...common, concurrency: options.mailConcurrency ?? 4 },
  );
  for (const w of [timers, mail]) {
    w.on('failed', (job, error) => deps.logger.error({ queue: w.name, job: job?.id, err: error.message }, 'job failed'));
    w.on('error', (error) => deps.logger.error({ queue: w.name, err: error.message }, 'worker error'));
  }

  let stopping = false;
  let running: Promise<void> = Promise.resolve();
  const maintain = async (full: boolean): Promise<void> => {
    try {
      const key = `${deps.config.QUEUE_PREFIX}:da06:reconcile-lock`;
      const owner = `${process.pid}-${Math.random().toString(36).slice(2)}`;
      const locked = await connection.set(key, owner, 'PX', RECONCILE_LEASE_MS, 'NX');
      if (locked !== 'OK') return;
      try {
        await reconcile(deps, { full });
        for (const task of options.maintenance ?? []) await task(deps);
      } finally {
        if ((await connection.get(key)) === owner) await connection.del(key);
      }
    } catch (error) {
      deps.logger.error({ err: (error as Error).message }, 'maintenance pass failed; it will run again');
    }
  };
  const ready = (running = maintain(true));
  const interval = setInterval(() => {
    if (stopping) return;
    running = running.then(() => maintain(false));
  }, deps.config.reconcileEveryMs);

  return {
    ready,
    async close() {
      stopping = true;
      clearInterval(interval);
      await running;
      await Promise.all([timers.close(), mail.close()]);
      transport.close();
      connection.disconnect();
    },
  };
}

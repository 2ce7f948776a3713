import { Worker } from 'bullmq';
import { createMailTransport, type MailTransport } from '../../mail/transport.js';
import { createRedis } from '../../queue/connection.js';
import { helperJobId } from '../../queue/job-id.js';
import { QUEUE_NAMES } from '../../queue/queue-names.js';
import type { EngineDeps } from '../engine-deps.js';
import { createMicroBatcher } from './micro-batcher.js';
import { reconcile } from './reconcile.js';
import { sendNotifications, type SendOutcome } from './send-notification.js';
import { sweepDueTimers } from './sweep.js';
import { WAKE_UP_JOB_OPTIONS } from './enqueue.js';
import { warnOfProvisionalYears } from './warn-provisional-years.js';

export interface WorkerOptions {
  /** Wake-up jobs swept at once by this process (each a lane of batches); a storm calls in as many helpers. */
  timerLanes?: number;
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

// Only one process reconciles at a time (others skip that round). The lease is short and renewed while the
// pass runs, so a worker killed mid-pass (SIGKILL, OOM) blocks the others' reconcile for seconds, not minutes.
const RECONCILE_LEASE_MS = 15_000;
const RENEW_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;

/** Starts the timer, mail and maintenance workers of one process: the composition root of `da06 worker`. */
export function startWorker(deps: EngineDeps, options: WorkerOptions = {}): RunningWorker {
  void warnOfProvisionalYears(deps);
  const transport = options.transport ?? createMailTransport({ smtpUrl: deps.config.SMTP_URL, outboxDir: deps.config.MAIL_OUTBOX_DIR });
  const connection = createRedis(deps.config);
  const common = { connection, prefix: deps.config.QUEUE_PREFIX, autorun: true };

  // A wake-up job sweeps every due timer in batches (one transaction each) and sends their emails itself. When
  // more is due than one batch, it calls in helpers (jobs of their own, which any worker process may take),
  // one per lane of every worker connected, each sweeping the same storm on disjoint rows, in batches sized so
  // that every lane gets a share.
  const lanes = Math.max(1, options.timerLanes ?? 2);
  const timersQueue = deps.queues.timers;
  const timers = new Worker(
    QUEUE_NAMES.timers,
    async (job) => {
      const data = job.data as { at?: string; helps?: string; batch?: number };
      if (data.helps !== undefined) return sweepDueTimers(deps, transport, data.batch ? { batch: data.batch } : {});
      const workers = await timersQueue.getWorkersCount().catch(() => 1);
      return sweepDueTimers(deps, transport, {
        spreadOver: Math.max(1, workers) * lanes,
        callHelpers: async (count, batch) => {
          const id = job.id ?? 'wake';
          await timersQueue.addBulk(
            Array.from({ length: count }, (_, i) => ({ name: 'wake', data: { at: data.at, helps: id, batch }, opts: { jobId: helperJobId(id, i + 1), ...WAKE_UP_JOB_OPTIONS } })),
          );
        },
      });
    },
    { ...common, concurrency: lanes },
  );
  const mailConcurrency = options.mailConcurrency ?? 32;
  const mailBatcher = createMicroBatcher<bigint, SendOutcome>((ids) => sendNotifications(deps, transport, ids), {
    maxSize: Math.max(1, Math.floor(mailConcurrency / 2)),
    maxWaitMs: 5,
  });
  const mail = new Worker(
    QUEUE_NAMES.mail,
    async (job) => {
      const id = BigInt((job.data as { notificationId: string }).notificationId);
      try {
        return await mailBatcher.submit(id);
      } catch (error) {
        // PostgreSQL failed us (not the SMTP server: sendNotification records that itself). A failed job would keep
        // its id in Redis and make reconcile's re-add of the still-pending row a no-op for a day; completing it
        // removes it (removeOnComplete), so the next reconcile pass adds it again.
        deps.logger.warn({ notification: id.toString(), err: (error as Error).message }, 'email send deferred to the next reconcile');
        return 'deferred';
      }
    },
    { ...common, concurrency: mailConcurrency },
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
      const renew = setInterval(() => {
        connection.eval(RENEW_IF_OWNER, 1, key, owner, RECONCILE_LEASE_MS).catch(() => {});
      }, RECONCILE_LEASE_MS / 3);
      try {
        await reconcile(deps, { full });
        for (const task of options.maintenance ?? []) await task(deps);
      } finally {
        clearInterval(renew);
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

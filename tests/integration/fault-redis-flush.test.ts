import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { deliveryLedger, outboxRows, stormCodes, waitForDeliveries, waitUntil } from '../support/delivery-ledger.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { killAllWorkers, spawnWorker, workerReady } from '../support/worker-process.js';

// A logical database of its own, so FLUSHDB never touches the queues of the other test files (they use db 0).
const FLUSHABLE_REDIS = 'redis://127.0.0.1:6379/7';

afterAll(killAllWorkers);

async function flush(): Promise<void> {
  const redis = new Redis(FLUSHABLE_REDIS);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/** Every pending Timer row has its delayed job in Redis again. */
async function timersRequeued(h: Harness): Promise<boolean> {
  const pending = await h.engine.prisma.timer.findMany({ where: { state: 'pending' }, select: { jobId: true } });
  const states = await Promise.all(pending.map(async (t) => (await h.engine.queues.timers.getJob(t.jobId))?.getState()));
  return pending.length > 0 && states.every((s) => s === 'delayed' || s === 'waiting' || s === 'active' || s === 'completed');
}

async function expectEachOnce(h: Harness, smtp: SmtpSink, codes: string[]): Promise<void> {
  await waitForDeliveries(smtp, codes, ['overdue', 'escalation'], 30_000);
  await waitUntil('every outbox row to be sent', async () => (await h.engine.prisma.notification.count({ where: { status: { not: 'sent' } } })) === 0, 15_000);
  expect(deliveryLedger(smtp.messages).duplicates).toEqual([]);
  const { perTaskKind } = await outboxRows(h.engine.prisma);
  for (const code of codes) {
    expect(perTaskKind.get(`${code}|overdue`), code).toBe(1);
    expect(perTaskKind.get(`${code}|escalation`), code).toBe(1);
  }
}

describe('when Redis is flushed under a running worker', () => {
  let h: Harness;
  let smtp: SmtpSink;
  const codes = stormCodes('TFLUSHA', 50);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('fault_flush_running', { SMTP_URL: smtp.url, REDIS_URL: FLUSHABLE_REDIS, RECONCILE_EVERY: 'PT2S' });
    await workerReady(spawnWorker(h.env));
    await h.addTasks(codes.map((code) => ({ code, deadline: Date.now() + 7000 })));
  });

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  it('puts every pending timer back within RECONCILE_EVERY', async () => {
    await waitUntil('the timers to be scheduled in Redis', () => timersRequeued(h), 5000, 100);
    await flush();
    expect(await h.engine.queues.timers.getDelayedCount()).toBe(0);
    const flushedAt = Date.now();
    await waitUntil('the timers to come back', () => timersRequeued(h), 2000 + 1500, 100);
    console.info(`flush (running worker): timers back ${Date.now() - flushedAt} ms after FLUSHDB`);
  });

  it('still sends every due escalation, once', () => expectEachOnce(h, smtp, codes));
});

describe('when Redis is flushed while no worker runs', () => {
  let h: Harness;
  let smtp: SmtpSink;
  const early = stormCodes('TFLUSHB-PAST', 20);
  const late = stormCodes('TFLUSHB-LATER', 20);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('fault_flush_stopped', { SMTP_URL: smtp.url, REDIS_URL: FLUSHABLE_REDIS, RECONCILE_EVERY: 'PT2S' });
  });

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  it('rebuilds the jobs from PostgreSQL when a worker starts, and sends every escalation once', async () => {
    // Some timers fall due while nothing runs (the worker must run them late), some after it is back.
    await h.addTasks([...early.map((code) => ({ code, deadline: Date.now() + 500 })), ...late.map((code) => ({ code, deadline: Date.now() + 9000 }))]);
    await flush();
    expect(await h.engine.queues.timers.getDelayedCount()).toBe(0);
    await new Promise((r) => setTimeout(r, 1500)); // the early deadlines pass with no worker and no jobs
    await workerReady(spawnWorker(h.env));
    await expectEachOnce(h, smtp, [...early, ...late]);
  });
});

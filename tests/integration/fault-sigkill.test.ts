import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { deliveryLedger, outboxRows, stormCodes, waitForDeliveries, waitUntil } from '../support/delivery-ledger.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { killAllWorkers, spawnWorker, workerReady, type WorkerProcess } from '../support/worker-process.js';

const TASKS = 200;

describe('when the worker is killed with SIGKILL in the middle of a storm', () => {
  let h: Harness;
  let smtp: SmtpSink;
  let first: WorkerProcess;
  let replacement: WorkerProcess;
  let escalationsBeforeKill = 0;
  let killedAt = 0;
  const codes = stormCodes('TKILL', TASKS);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('fault_sigkill', { SMTP_URL: smtp.url });
    first = spawnWorker(h.env);
    await workerReady(first);
    const deadline = Date.now() + 3000;
    await h.addTasks(codes.map((code) => ({ code, deadline })));
    // Kill while escalations to the chairman are being decided and sent.
    await smtp.waitFor((m) => m.filter((x) => x.headers.get('x-da06-kind') === 'escalation').length >= 20, 30_000);
    const exit = await first.stop('SIGKILL');
    killedAt = Date.now();
    expect(exit.signal).toBe('SIGKILL');
    escalationsBeforeKill = smtp.messages.filter((x) => x.headers.get('x-da06-kind') === 'escalation').length;
    replacement = spawnWorker(h.env);
    await workerReady(replacement);
  });

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  it('loses nothing: every task reaches the chairman and every decided email arrives', async () => {
    expect(escalationsBeforeKill).toBeLessThan(TASKS);
    try {
      await waitForDeliveries(smtp, codes, ['reminder', 'overdue', 'escalation'], 45_000);
    } catch (error) {
      const stuck = await h.engine.prisma.notification.findMany({ where: { status: { not: 'sent' } }, select: { id: true, kind: true, attempts: true, nextAttemptAt: true, task: { select: { code: true } } } });
      const timers = await h.engine.prisma.timer.findMany({ where: { state: 'pending', fireAt: { lt: new Date() } }, select: { jobId: true, fireAt: true } });
      console.error('DIAG', Date.now() - killedAt, JSON.stringify(stuck, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)), JSON.stringify(timers), replacement.logs.filter((l) => /reconcile|fail/.test(l.msg)).slice(0, 10));
      throw error;
    }
    await waitUntil('every outbox row to be sent', async () => (await h.engine.prisma.notification.count({ where: { status: { not: 'sent' } } })) === 0, 15_000);
    const atChairman = await h.engine.prisma.task.count({ where: { code: { in: codes }, escalationLevel: 'chairman' } });
    expect(atChairman).toBe(TASKS);
    console.info(`sigkill: ${escalationsBeforeKill} escalations before the kill; all delivered ${Date.now() - killedAt} ms after it`);
  });

  it('duplicates no decision: one overdue and one escalation row per task', async () => {
    const { perTaskKind, byStatus } = await outboxRows(h.engine.prisma);
    for (const code of codes) {
      expect(perTaskKind.get(`${code}|overdue`), code).toBe(1);
      expect(perTaskKind.get(`${code}|escalation`), code).toBe(1);
      expect(perTaskKind.get(`${code}|reminder`), code).toBe(1);
    }
    expect(byStatus).toEqual({ sent: TASKS * 3 });
    const transitions = await h.engine.prisma.taskEvent.groupBy({ by: ['taskId', 'version'], _count: { _all: true }, having: { version: { _count: { gt: 1 } } } });
    expect(transitions).toEqual([]);
  });

  it('redelivers only under the same Message-ID, and says how often', () => {
    const ledger = deliveryLedger(smtp.messages);
    expect(ledger.conflicting).toEqual([]);
    console.info(`sigkill: ${ledger.sameIdRedeliveries} email(s) delivered twice under the same Message-ID`, ledger.duplicates);
    // Only a send the server accepted just before the kill can be repeated: at most the mail concurrency (4).
    expect(ledger.sameIdRedeliveries).toBeLessThanOrEqual(4);
  });
});

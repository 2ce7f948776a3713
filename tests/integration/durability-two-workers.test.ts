import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { allReceived, deliveryLedger, outboxRows, stormCodes, waitUntil } from '../support/delivery-ledger.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { emailsSentPerWorker, killAllWorkers, spawnWorker, workerReady, type WorkerProcess } from '../support/worker-process.js';

const TASKS = 200;

describe('two workers on the same database and Redis, 200 tasks falling due together', () => {
  let h: Harness;
  let smtp: SmtpSink;
  let workers: WorkerProcess[] = [];
  const codes = stormCodes('T2W', TASKS);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('durability_two_workers', { SMTP_URL: smtp.url });
    workers = [spawnWorker(h.env), spawnWorker(h.env)];
    await Promise.all(workers.map((w) => workerReady(w)));
    const deadline = Date.now() + 3000;
    await h.addTasks(codes.map((code) => ({ code, deadline })));
  });

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  it('emails every head and then the chairman, each exactly once', async () => {
    await smtp.waitFor((m) => allReceived(m, codes, 'escalation') && allReceived(m, codes, 'overdue'), 40_000);
    // The server accepts an email before its worker marks the row sent: wait for every row to be marked, so no
    // send is still under way that could deliver a duplicate after the checks below.
    await waitUntil('every outbox row to be marked sent', async () => (await h.engine.prisma.notification.count({ where: { status: { not: 'sent' } } })) === 0, 10_000, 50);
    const ledger = deliveryLedger(smtp.messages);
    expect(ledger.tasksWith('overdue')).toBe(TASKS);
    expect(ledger.tasksWith('escalation')).toBe(TASKS);
    expect(ledger.duplicates).toEqual([]);
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('decided one overdue and one escalation notice per task in the outbox', async () => {
    const { perTaskKind, byStatus } = await outboxRows(h.engine.prisma);
    for (const code of codes) {
      expect(perTaskKind.get(`${code}|overdue`), code).toBe(1);
      expect(perTaskKind.get(`${code}|escalation`), code).toBe(1);
    }
    expect(byStatus.failed ?? 0).toBe(0);
    const atChairman = await h.engine.prisma.task.count({ where: { code: { in: codes }, escalationLevel: 'chairman' } });
    expect(atChairman).toBe(TASKS);
  });

  it('shared the work between both workers', async () => {
    const sentBy = await emailsSentPerWorker(workers, smtp.messages.length);
    expect(sentBy.every((n) => n > 0), `emails sent per worker: ${sentBy.join(', ')}`).toBe(true);
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(smtp.messages.length);
    expect(workers.flatMap((w) => w.logs).filter((l) => l.level >= 50)).toEqual([]);
  });

  it('both workers stop cleanly on SIGTERM', async () => {
    const exits = await Promise.all(workers.map((w) => w.stop('SIGTERM')));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailJobId } from '../../src/queue/job-id.js';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { deliveryLedger, stormCodes, tagOf, waitUntil } from '../support/delivery-ledger.js';
import { expectEachDecisionOnce, heldByDeadWorker as heldBy } from '../support/dead-worker.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { tolerateSmtpClientResets } from '../support/tolerate-smtp-resets.js';
import { killAllWorkers, spawnWorker, workerReady, type WorkerProcess } from '../support/worker-process.js';

const TASKS = 200;
// send-notification.ts claims a row for 5 minutes before sending it: a row the killed worker had claimed
// stays with it until then (by design: it may already be in the recipient's mailbox).
const MAIL_CONCURRENCY = 4;

describe('when the worker is killed with SIGKILL in the middle of a storm', () => {
  let h: Harness;
  let smtp: SmtpSink;
  let first: WorkerProcess;
  let replacement: WorkerProcess;
  let escalationsBeforeKill = 0;
  let killedAt = 0;
  const codes = stormCodes('TKILL', TASKS);

  beforeAll(async () => {
    tolerateSmtpClientResets();
    smtp = await startSmtpSink();
    h = await createHarness('fault_sigkill', { SMTP_URL: smtp.url });
    first = spawnWorker(h.env);
    await workerReady(first);
    const deadline = Date.now() + 3000;
    await h.addTasks(codes.map((code) => ({ code, deadline })));
    // Kill while escalations to the chairman are being decided and sent.
    await smtp.waitFor((m) => m.filter((x) => tagOf(x).kind === 'escalation').length >= 20, 30_000);
    const exit = await first.stop('SIGKILL');
    killedAt = Date.now();
    expect(exit.signal).toBe('SIGKILL');
    escalationsBeforeKill = smtp.messages.filter((x) => tagOf(x).kind === 'escalation').length;
    replacement = spawnWorker(h.env);
    await workerReady(replacement);
  });

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  // What the dead worker had in hand: rows it had claimed (attempts >= 1, leased until killedAt + lease at the
  // latest) and rows whose job it had taken but not yet claimed (their BullMQ job stays active until BullMQ's
  // stalled-job check hands it back, 30-60 s later; reconcile cannot re-add it under the same job id).
  const heldByDeadWorker = () => heldBy(h.engine, killedAt);

  it('escalates every task to the chairman, each decision once', async () => {
    expect(escalationsBeforeKill).toBeLessThan(TASKS);
    await waitUntil(
      'every task to reach the chairman',
      async () => (await h.engine.prisma.task.count({ where: { code: { in: codes }, escalationLevel: 'chairman' } })) === TASKS,
      30_000,
    );
    await expectEachDecisionOnce(h.engine, codes);
  });

  it('delivers every decided email, except those the killed worker had claimed (their lease)', async () => {
    // Every row is sent, or claimed by the dead worker just before the kill and waiting out its lease.
    await waitUntil(
      'every outbox row to be sent or held by the dead worker',
      async () => (await h.engine.prisma.notification.count({ where: { status: { not: 'sent' } } })) === (await heldByDeadWorker()).length,
      40_000,
    ).catch(async (error: Error) => {
      const rows = await h.engine.prisma.notification.findMany({ where: { status: { not: 'sent' } }, select: { id: true, status: true, attempts: true, nextAttemptAt: true, lastError: true } });
      const states = await Promise.all(rows.map(async (r) => (await h.engine.queues.mail.getJob(mailJobId(r.id, r.attempts)))?.getState()));
      throw new Error(`${error.message}; killed at ${new Date(killedAt).toISOString()}; not sent: ${JSON.stringify(rows.map((r, i) => ({ ...r, id: String(r.id), job: states[i] })))}`);
    });
    const held = await heldByDeadWorker();
    const received = new Set(smtp.messages.map((m) => m.messageId));
    const sent = await h.engine.prisma.notification.findMany({ where: { status: 'sent' }, select: { messageId: true } });
    expect(sent.filter((n) => !received.has(n.messageId))).toEqual([]);
    console.info(
      `sigkill: ${escalationsBeforeKill}/${TASKS} escalations before the kill, the rest delivered within ${Date.now() - killedAt} ms;`,
      `${held.length} email(s) still held by the dead worker (claimed: ${held.filter((r) => r.attempts > 0).length}, of which already received: ${held.filter((r) => received.has(r.messageId)).length}; job taken, not claimed: ${held.filter((r) => r.attempts === 0).length}):`,
      held.map((r) => `${r.task?.code}|${r.kind}|attempts ${r.attempts}`).join(', '),
    );
  });

  it('redelivers only under the same Message-ID, and says how often', () => {
    const ledger = deliveryLedger(smtp.messages);
    expect(ledger.conflicting).toEqual([]);
    console.info(`sigkill: ${ledger.sameIdRedeliveries} email(s) delivered twice under the same Message-ID`, ledger.duplicates);
    // Only a send the server accepted just before the kill can be repeated: at most the mail concurrency.
    expect(ledger.sameIdRedeliveries).toBeLessThanOrEqual(MAIL_CONCURRENCY);
  });
});

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { deliveryLedger, stormCodes, waitForDeliveries, waitUntil } from '../support/delivery-ledger.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { killAllWorkers, spawnWorker, workerReady } from '../support/worker-process.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/da06.js');

/** `da06 status --json` as an operator runs it. */
async function statusJson(env: Record<string, string>): Promise<{ notifications: { pending: number; sent: number; failed: number } }> {
  const { stdout } = await run(process.execPath, [BIN, 'status', '--json'], { env: { ...process.env, ...env } });
  return JSON.parse(stdout) as { notifications: { pending: number; sent: number; failed: number } };
}

afterAll(killAllWorkers);

describe('when the SMTP server refuses mail for a few seconds, then recovers', () => {
  let h: Harness;
  let smtp: SmtpSink;
  const codes = stormCodes('TSMTP', 20);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    smtp.refusing = true;
    h = await createHarness('fault_smtp_outage', { SMTP_URL: smtp.url, MAIL_RETRY_DELAY: 'PT1S' });
    await workerReady(spawnWorker(h.env));
    await h.addTasks(codes.map((code) => ({ code, deadline: Date.now() + 2500 })));
  });

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  it('retries with backoff and delivers every email exactly once when the server is back', async () => {
    // The outage is noticed: overdue notices have failed at least twice.
    await waitUntil('overdue emails to be refused twice', async () => (await h.engine.prisma.notification.count({ where: { kind: 'overdue', attempts: { gte: 2 } } })) >= codes.length, 60_000);
    expect(smtp.messages).toHaveLength(0);
    smtp.refusing = false;
    // Retries double from 1 s, so after a long outage the next attempt may be half a minute away.
    await waitForDeliveries(smtp, codes, ['overdue', 'escalation'], 90_000);
    await waitUntil('every outbox row to be sent', async () => (await h.engine.prisma.notification.count({ where: { status: { not: 'sent' } } })) === 0, 60_000);
    const ledger = deliveryLedger(smtp.messages);
    expect(ledger.duplicates).toEqual([]);
    const retried = await h.engine.prisma.notification.count({ where: { attempts: { gt: 1 } } });
    expect(retried).toBeGreaterThanOrEqual(codes.length);
  }, 240_000);

  it('shows nothing failed in `da06 status --json`', async () => {
    const status = await statusJson(h.env);
    expect(status.notifications.failed).toBe(0);
    expect(status.notifications.pending).toBe(0);
    expect(status.notifications.sent).toBe(smtp.messages.length);
  });
});

describe('when the SMTP server stays down past MAIL_MAX_ATTEMPTS', () => {
  let h: Harness;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    smtp.refusing = true;
    h = await createHarness('fault_smtp_down', { SMTP_URL: smtp.url, MAIL_RETRY_DELAY: 'PT1S', MAIL_MAX_ATTEMPTS: '2' });
    await workerReady(spawnWorker(h.env));
    await h.addTasks([{ code: 'TDOWN-1', deadline: Date.now() + 2500 }]);
  });

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  it('marks the email failed with the server’s reason after the last attempt', async () => {
    const failed = await waitUntil('an outbox row to be marked failed', () => h.engine.prisma.notification.findFirst({ where: { status: 'failed' } }), 20_000);
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toMatch(/451/);
    expect(smtp.messages).toHaveLength(0);
  });

  it('reports it in `da06 status --json`', async () => {
    const status = await statusJson(h.env);
    expect(status.notifications.failed).toBeGreaterThanOrEqual(1);
  });
});

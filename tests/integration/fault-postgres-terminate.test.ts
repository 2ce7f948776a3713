import pg from 'pg';
import { mailJobId } from '../../src/queue/job-id.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { deliveryLedger, outboxRows, stormCodes, tagOf, waitForDeliveries, waitUntil } from '../support/delivery-ledger.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { TEST_PG_BASE } from '../support/test-env.js';
import { killAllWorkers, spawnWorker, workerReady, type WorkerProcess } from '../support/worker-process.js';

const TASKS = 100;

/** Terminates every backend connected to `database` except this one (a PostgreSQL restart, seen from one database). */
async function terminateBackends(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await client.connect();
  try {
    const result = await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe('when PostgreSQL drops the worker’s connections mid-storm', () => {
  let h: Harness;
  let smtp: SmtpSink;
  let worker: WorkerProcess;
  let terminated = 0;
  const codes = stormCodes('TPGKILL', TASKS);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('fault_pg_terminate', { SMTP_URL: smtp.url });
    worker = spawnWorker(h.env);
    await workerReady(worker);
    await h.addTasks(codes.map((code) => ({ code, deadline: Date.now() + 3000 })));
    await smtp.waitFor((m) => m.filter((x) => tagOf(x).kind === 'overdue').length >= 10, 20_000);
    terminated = await terminateBackends(h.db.name);
  });

  /** Rethrows `error` with the rows still unsent and the state of their send jobs (what an operator would look at). */
  const withUnsentRows = async (error: Error): Promise<never> => {
    const rows = await h.engine.prisma.notification.findMany({ where: { status: { not: 'sent' } }, select: { id: true, kind: true, attempts: true } });
    const jobs = await Promise.all(
      rows.map(async (r) => {
        const job = await h.engine.queues.mail.getJob(mailJobId(r.id, r.attempts));
        return `${await job?.getState()}: ${job?.failedReason ?? ''}`;
      }),
    );
    const warnings = worker.logs.filter((l) => l.level >= 40).slice(-30);
    throw new Error(
      `${error.message}; unsent: ${JSON.stringify(rows.map((r, i) => ({ id: String(r.id), kind: r.kind, attempts: r.attempts, job: jobs[i] })))}; ` +
        `the worker's last warnings: ${JSON.stringify(warnings)}; its stderr: ${worker.stderr().slice(-2000)}`,
    );
  };

  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
    await smtp?.close();
  });

  it('reconnects and carries on: every escalation arrives, once', async () => {
    expect(terminated).toBeGreaterThan(0);
    await waitForDeliveries(smtp, codes, ['overdue', 'escalation'], 40_000).catch(withUnsentRows);
    // A row claimed when its connection was cut keeps its 5-minute send lease (the documented at-least-once
    // window); every other row must be sent.
    await waitUntil(
      'every outbox row to be sent or held by a send lease',
      async () =>
        (await h.engine.prisma.notification.count({
          where: { status: { not: 'sent' }, NOT: { attempts: { gte: 1 }, nextAttemptAt: { gt: new Date() } } },
        })) === 0,
      30_000,
    ).catch(withUnsentRows);
    expect(deliveryLedger(smtp.messages).duplicates).toEqual([]);
    const { perTaskKind } = await outboxRows(h.engine.prisma);
    for (const code of codes) expect(perTaskKind.get(`${code}|escalation`), code).toBe(1);
    expect(worker.exited).toBe(false);
  });
});

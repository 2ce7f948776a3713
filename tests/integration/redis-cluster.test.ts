import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { allReceived, deliveryLedger, outboxRows, stormCodes, tagOf, waitUntil } from '../support/delivery-ledger.js';
import { expectEachDecisionOnce, heldByDeadWorker as heldBy } from '../support/dead-worker.js';
import { redisClusterUnavailable, startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { tolerateSmtpClientResets } from '../support/tolerate-smtp-resets.js';
import { emailsSentPerWorker, killAllWorkers, spawnWorker, workerReady, type WorkerProcess } from '../support/worker-process.js';

const TASKS = 100;
// send-notification.ts claims a row for 5 minutes before sending it (see fault-sigkill.test.ts).
const unavailable = redisClusterUnavailable();

/** The settings of one installation on the cluster: its seed nodes and a queue prefix that is a hash tag. */
const clusterEnv = (cluster: TestRedisCluster, smtp: SmtpSink) => ({
  REDIS_URL: cluster.url,
  REDIS_CLUSTER: 'true',
  QUEUE_PREFIX: `{da06t${randomBytes(4).toString('hex')}}`,
  SMTP_URL: smtp.url,
});

describe.skipIf(unavailable !== null)(`on a Redis Cluster of three masters${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: TestRedisCluster;

  beforeAll(async () => {
    tolerateSmtpClientResets();
    cluster = await startRedisCluster(3);
  });

  afterAll(async () => {
    await killAllWorkers();
    await cluster?.stop();
  });

  describe('two worker processes, 100 tasks falling due together', () => {
    let h: Harness;
    let smtp: SmtpSink;
    let workers: WorkerProcess[] = [];
    const codes = stormCodes('TCL', TASKS);

    beforeAll(async () => {
      smtp = await startSmtpSink();
      h = await createHarness('redis_cluster_storm', clusterEnv(cluster, smtp));
      // One lane each: the wake-up's own lane is busy sweeping, so the helper it calls in (100 due: two batches of
      // 50) is the other process's. With two lanes each, the first process's second lane could take it, and a
      // small storm would then never reach the second process.
      workers = [spawnWorker(h.env, ['--lanes', '1']), spawnWorker(h.env, ['--lanes', '1'])];
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
      await smtp.waitFor((m) => allReceived(m, codes, 'escalation') && allReceived(m, codes, 'overdue'), 30_000);
      // The sink has the last message a moment before its row is marked sent; then no send is still under way.
      await waitUntil('every outbox row to be marked sent', async () => (await h.engine.prisma.notification.count({ where: { status: { not: 'sent' } } })) === 0, 5000, 50);
      const ledger = deliveryLedger(smtp.messages);
      expect(ledger.tasksWith('overdue')).toBe(TASKS);
      expect(ledger.tasksWith('escalation')).toBe(TASKS);
      expect(ledger.duplicates).toEqual([]);
      const { perTaskKind } = await outboxRows(h.engine.prisma);
      for (const code of codes) {
        expect(perTaskKind.get(`${code}|overdue`), code).toBe(1);
        expect(perTaskKind.get(`${code}|escalation`), code).toBe(1);
      }
    });

    it('shares the work between both workers, without errors', async () => {
      const sentBy = await emailsSentPerWorker(workers, smtp.messages.length);
      expect(sentBy.every((n) => n > 0), `emails sent per worker: ${sentBy.join(', ')}`).toBe(true);
      expect(sentBy.reduce((a, b) => a + b, 0)).toBe(smtp.messages.length);
      expect(workers.flatMap((w) => w.logs).filter((l) => l.level >= 50)).toEqual([]);
    });

    it('keeps every key of the installation on the one master that owns its hash tag', async () => {
      const keysPerMaster = await Promise.all(
        cluster.ports.map(async (port) => {
          const node = new Redis({ host: '127.0.0.1', port });
          try {
            return await node.keys(`${h.prefix}:*`);
          } finally {
            node.disconnect();
          }
        }),
      );
      const holders = keysPerMaster.filter((keys) => keys.length > 0);
      expect(holders).toHaveLength(1);
      // BullMQ's queue keys and da06's own (the reconcile marker) alike.
      expect(holders[0]).toEqual(expect.arrayContaining([`${h.prefix}:da06:reconciled`, `${h.prefix}:timers:meta`, `${h.prefix}:mail:meta`]));
    });

    it('both workers stop cleanly on SIGTERM', async () => {
      const exits = await Promise.all(workers.map((w) => w.stop('SIGTERM')));
      expect(exits).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    });
  });

  describe('when a worker is killed with SIGKILL in the middle of a storm', () => {
    let h: Harness;
    let smtp: SmtpSink;
    let killedAt = 0;
    let escalationsBeforeKill = 0;
    const codes = stormCodes('TCK', TASKS);

    beforeAll(async () => {
      smtp = await startSmtpSink();
      h = await createHarness('redis_cluster_sigkill', clusterEnv(cluster, smtp));
      const [victim, survivor] = [spawnWorker(h.env), spawnWorker(h.env)];
      await Promise.all([workerReady(victim), workerReady(survivor)]);
      const deadline = Date.now() + 3000;
      await h.addTasks(codes.map((code) => ({ code, deadline })));
      // Kill while escalations to the chairman are being decided and sent.
      await smtp.waitFor((m) => m.filter((x) => tagOf(x).kind === 'escalation').length >= 5, 30_000);
      const exit = await victim.stop('SIGKILL');
      killedAt = Date.now();
      expect(exit.signal).toBe('SIGKILL');
      escalationsBeforeKill = smtp.messages.filter((x) => tagOf(x).kind === 'escalation').length;
      await workerReady(spawnWorker(h.env));
    });

    afterAll(async () => {
      await killAllWorkers();
      await h?.close();
      await smtp?.close();
    });

    // What the dead worker had in hand: rows it had claimed (waiting out their send lease) and rows whose job it had
    // taken but not claimed (active in BullMQ until the stalled-job check hands it back), as in fault-sigkill.test.ts.
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

    it('delivers every decided email, except those the killed worker had in hand, and never two decisions', async () => {
      await waitUntil(
        'every outbox row to be sent or held by the dead worker',
        async () => (await h.engine.prisma.notification.count({ where: { status: { not: 'sent' } } })) === (await heldByDeadWorker()).length,
        20_000,
      );
      const received = new Set(smtp.messages.map((m) => m.messageId));
      const sent = await h.engine.prisma.notification.findMany({ where: { status: 'sent' }, select: { messageId: true } });
      expect(sent.filter((n) => !received.has(n.messageId))).toEqual([]);
      const ledger = deliveryLedger(smtp.messages);
      expect(ledger.conflicting).toEqual([]);
      console.info(
        `redis cluster sigkill: ${escalationsBeforeKill}/${TASKS} escalations before the kill; ${(await heldByDeadWorker()).length} email(s) held by the dead worker;`,
        `${ledger.sameIdRedeliveries} redelivered under the same Message-ID`,
      );
    });
  });
});

import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineDeps } from '../engine/engine-deps.js';

/** The Redis key that `reconcile` increments by the number of lost jobs and overdue timers it repaired. */
export function reconcileRepairsKey(queuePrefix: string): string {
  return `${queuePrefix}:da06:metrics:reconcile-repairs`;
}

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized', 'paused', 'waiting-children'] as const;
const LATENESS_WINDOW_MS = 24 * 3_600_000;
const LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
// Notice kinds that mean "the task reached this level": the head is told by overdue/underperforming, the chairman by escalation.
const LEVEL_OF_KIND: Record<string, 'head' | 'chairman'> = { overdue: 'head', underperforming: 'head', escalation: 'chairman' };

/**
 * A Prometheus registry of its own whose values are all read on scrape: queue depths from BullMQ, everything
 * else from PostgreSQL (the source of truth, so the figures hold across any number of worker processes).
 */
export function createMetricsRegistry(deps: EngineDeps): Registry {
  const registry = new Registry();
  const { prisma } = deps;

  new Gauge({
    name: 'da06_queue_jobs',
    help: 'Jobs in each da06 BullMQ queue, by state.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of [deps.queues.timers, deps.queues.mail]) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });

  new Counter({
    name: 'da06_task_events_total',
    help: 'Task transitions recorded in the audit log, by event type (TIMER_* for wake-ups).',
    labelNames: ['type'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await prisma.taskEvent.groupBy({ by: ['type'], _count: { _all: true } });
      for (const row of rows) this.inc({ type: row.type }, row._count._all);
    },
  });

  new Counter({
    name: 'da06_escalations_total',
    help: 'Escalation notices decided: level head (overdue, underperforming) and chairman (escalation).',
    labelNames: ['level'],
    registers: [registry],
    async collect() {
      this.reset();
      const byLevel = { head: 0, chairman: 0 };
      const rows = await prisma.notification.groupBy({ by: ['kind'], where: { kind: { in: Object.keys(LEVEL_OF_KIND) } }, _count: { _all: true } });
      for (const row of rows) {
        const level = LEVEL_OF_KIND[row.kind];
        if (level) byLevel[level] += row._count._all;
      }
      for (const [level, n] of Object.entries(byLevel)) this.inc({ level }, n);
    },
  });

  const emailCounts = async () => {
    const [byStatus, retries] = await Promise.all([
      prisma.notification.groupBy({ by: ['status'], _count: { _all: true } }),
      prisma.$queryRaw<{ n: bigint | null }[]>`SELECT SUM(GREATEST(attempts - 1, 0))::bigint AS n FROM "Notification"`,
    ]);
    const of = (s: string) => byStatus.find((r) => r.status === s)?._count._all ?? 0;
    return { sent: of('sent'), failed: of('failed'), pending: of('pending'), retried: Number(retries[0]?.n ?? 0) };
  };
  new Counter({
    name: 'da06_emails_total',
    help: 'Emails by outcome: sent, failed (gave up after MAIL_MAX_ATTEMPTS).',
    labelNames: ['result'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await emailCounts();
      this.inc({ result: 'sent' }, counts.sent);
      this.inc({ result: 'failed' }, counts.failed);
    },
  });
  new Counter({
    name: 'da06_email_retries_total',
    help: 'Send attempts after the first, over every email.',
    registers: [registry],
    async collect() {
      this.reset();
      this.inc((await emailCounts()).retried);
    },
  });
  new Gauge({
    name: 'da06_emails_pending',
    help: 'Emails not sent yet, including those held for a send window.',
    registers: [registry],
    async collect() {
      this.set((await emailCounts()).pending);
    },
  });

  new Gauge({
    name: 'da06_tasks',
    help: 'Tasks by status class and escalation level.',
    labelNames: ['status', 'level'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await prisma.task.groupBy({ by: ['statusClass', 'escalationLevel'], _count: { _all: true } });
      for (const row of rows) this.set({ status: row.statusClass, level: row.escalationLevel }, row._count._all);
    },
  });

  new Histogram({
    name: 'da06_timer_lateness_seconds',
    help: 'How late timers fired over the last 24 hours: settledAt - fireAt of fired Timer rows.',
    buckets: LATENESS_BUCKETS,
    registers: [registry],
    async collect() {
      this.reset();
      const since = new Date(deps.now() - LATENESS_WINDOW_MS);
      const rows = await prisma.$queryRaw<{ s: number }[]>`
        SELECT GREATEST(EXTRACT(EPOCH FROM ("settledAt" - "fireAt")), 0)::float8 AS s
        FROM "Timer" WHERE state = 'fired' AND "settledAt" >= ${since}`;
      for (const row of rows) this.observe(row.s);
    },
  });

  new Counter({
    name: 'da06_reconcile_repairs_total',
    help: 'Lost jobs and overdue timers that reconcile repaired (a Redis counter kept by reconcile).',
    registers: [registry],
    async collect() {
      this.reset();
      const value = Number((await deps.redis.get(reconcileRepairsKey(deps.config.QUEUE_PREFIX))) ?? 0);
      this.inc(Number.isFinite(value) && value > 0 ? value : 0);
    },
  });

  return registry;
}

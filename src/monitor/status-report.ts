import type { EngineDeps } from '../engine/engine-deps.js';
import { STATUS_CLASSES } from '../domain/status-class.js';

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  completed: number;
  failed: number;
}

/** The shape of `da06 status --json` (INTERFACES.md). */
export interface StatusReport {
  queues: Record<string, QueueCounts>;
  tasks: {
    total: number;
    byStatus: Record<string, number>;
    overdue: number;
    underperforming: number;
    escalatedToHead: number;
    escalatedToChairman: number;
  };
  notifications: { pending: number; sent: number; failed: number; heldForSendWindow: number };
  failedNotifications: { id: string; task: string | null; kind: string; attempts: number; lastError: string | null }[];
}

/** Queue counts, the task summary and the outbox, read from Redis and PostgreSQL. */
export async function statusReport(deps: EngineDeps): Promise<StatusReport> {
  const queues: Record<string, QueueCounts> = {};
  for (const queue of [deps.queues.timers, deps.queues.mail]) {
    const c = await queue.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized', 'paused');
    queues[queue.name] = {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0),
      delayed: c.delayed ?? 0,
      active: c.active ?? 0,
      completed: c.completed ?? 0,
      failed: c.failed ?? 0,
    };
  }
  const [byClass, total, overdue, underperforming, head, chairman, byStatus, held, failed] = await Promise.all([
    deps.prisma.task.groupBy({ by: ['statusClass'], _count: { _all: true } }),
    deps.prisma.task.count(),
    deps.prisma.task.count({ where: { state: 'overdue' } }),
    deps.prisma.task.count({ where: { underperforming: true } }),
    deps.prisma.task.count({ where: { escalationLevel: 'head' } }),
    deps.prisma.task.count({ where: { escalationLevel: 'chairman' } }),
    deps.prisma.notification.groupBy({ by: ['status'], _count: { _all: true } }),
    deps.prisma.notification.count({ where: { status: 'pending', notBefore: { gt: new Date(deps.now()) } } }),
    deps.prisma.notification.findMany({
      where: { status: 'failed' },
      orderBy: { id: 'desc' },
      take: 20,
      include: { task: { select: { code: true } } },
    }),
  ]);
  const classes: Record<string, number> = Object.fromEntries(STATUS_CLASSES.map((c) => [c, 0]));
  for (const row of byClass) classes[row.statusClass] = row._count._all;
  const count = (s: string) => byStatus.find((r) => r.status === s)?._count._all ?? 0;
  return {
    queues,
    tasks: { total, byStatus: classes, overdue, underperforming, escalatedToHead: head, escalatedToChairman: chairman },
    notifications: { pending: count('pending'), sent: count('sent'), failed: count('failed'), heldForSendWindow: held },
    failedNotifications: failed.map((n) => ({ id: n.id.toString(), task: n.task?.code ?? null, kind: n.kind, attempts: n.attempts, lastError: n.lastError })),
  };
}

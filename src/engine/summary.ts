import type { PrismaClient } from '../db/prisma.js';
import type { DeadlineChange, TaskHistory } from '../domain/status-class.js';
import { summarizeStatuses, type StatusSummary, type SummaryTask } from '../domain/status-summary.js';

interface BreachLike {
  kind?: unknown;
  at?: unknown;
}

/**
 * The four status classes per unit and for the province as of `asOf`, rebuilt from the record: each task's
 * original deadline (its CREATED audit event) and every DEADLINE_EXTENDED since, its completion or
 * cancellation, and the overdue breaches its snapshot keeps. A task counts from its start date.
 */
export async function loadStatusSummary(prisma: PrismaClient, asOf: number): Promise<StatusSummary> {
  const [units, tasks, events] = await Promise.all([
    prisma.unit.findMany({ select: { id: true, code: true, name: true } }),
    prisma.task.findMany({
      select: { id: true, unitId: true, startAt: true, createdAt: true, deadline: true, completedAt: true, cancelledAt: true, snapshot: true },
    }),
    prisma.taskEvent.findMany({
      where: { type: { in: ['CREATED', 'DEADLINE_EXTENDED'] } },
      select: { taskId: true, type: true, at: true, payload: true },
      orderBy: [{ taskId: 'asc' }, { version: 'asc' }],
    }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const changes = new Map<number, { type: string; at: number; deadline: number | null }[]>();
  for (const e of events) {
    const raw = (e.payload as { deadline?: unknown } | null)?.deadline;
    const deadline = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : null;
    const list = changes.get(e.taskId) ?? [];
    list.push({ type: e.type, at: e.at.getTime(), deadline: deadline !== null && Number.isNaN(deadline) ? null : deadline });
    changes.set(e.taskId, list);
  }
  const summaryTasks: SummaryTask[] = tasks.map((task) => {
    const unit = unitById.get(task.unitId);
    const createdAt = Math.min(task.startAt.getTime(), task.createdAt.getTime());
    const list = changes.get(task.id) ?? [];
    const created = list.find((c) => c.type === 'CREATED');
    // The original deadline is in force from the task's start; each extension from the instant it was granted.
    const deadlineHistory: DeadlineChange[] = [
      { at: createdAt, deadline: created ? created.deadline : (task.deadline?.getTime() ?? null) },
      ...list.filter((c) => c.type === 'DEADLINE_EXTENDED').map((c) => ({ at: c.at, deadline: c.deadline })),
    ];
    const context = (task.snapshot as { context?: { breaches?: BreachLike[] } } | null)?.context;
    const breaches = (context?.breaches ?? [])
      .filter((b) => b.kind === 'overdue' && typeof b.at === 'number')
      .map((b) => b.at as number);
    const history: TaskHistory = {
      createdAt,
      deadlineHistory,
      completedAt: task.completedAt?.getTime() ?? null,
      cancelledAt: task.cancelledAt?.getTime() ?? null,
      breaches,
    };
    return { unitCode: unit?.code ?? '?', unitName: unit?.name ?? '?', history };
  });
  return summarizeStatuses(summaryTasks, asOf, units);
}

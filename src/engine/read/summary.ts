import type { PrismaClient } from '../../db/prisma.js';
import type { DeadlineChange, TaskHistory } from '../../domain/status-class.js';
import { summarizeStatuses, type StatusSummary, type SummaryTask } from '../../domain/status-summary.js';
import { holderAt, type Holding } from '../../domain/task-holder.js';

interface BreachLike {
  kind?: unknown;
  at?: unknown;
}

/**
 * The four status classes per unit and for the province as of `asOf`, rebuilt from the record: each task's
 * original deadline (its CREATED audit event) and every DEADLINE_EXTENDED since, its completion or
 * cancellation, and the overdue breaches its snapshot keeps. A task counts from its start date, under the unit
 * that held it at `asOf` (TaskAssignment): a task passed on in a merger counts, with its whole history (lateness
 * included), under its successor from the day it passed, and under the unit it left for the days before. Units
 * that did not exist yet are left out; units that had ceased appear only with the tasks they kept, unranked.
 */
export async function loadStatusSummary(prisma: PrismaClient, asOf: number): Promise<StatusSummary> {
  const [units, tasks, events, holdings] = await Promise.all([
    prisma.unit.findMany({ select: { id: true, code: true, name: true, validFrom: true, dissolvedOn: true } }),
    prisma.task.findMany({
      select: { id: true, unitId: true, startAt: true, createdAt: true, deadline: true, completedAt: true, cancelledAt: true, snapshot: true },
    }),
    prisma.taskEvent.findMany({
      where: { type: { in: ['CREATED', 'DEADLINE_EXTENDED'] } },
      select: { taskId: true, type: true, at: true, payload: true },
      orderBy: [{ taskId: 'asc' }, { version: 'asc' }],
    }),
    // Only the tasks that changed hands: every other one is its unit's from the start.
    prisma.$queryRaw<{ taskId: number; unitId: number; heldFrom: Date }[]>`
      SELECT "taskId", "unitId", "heldFrom" FROM "TaskAssignment"
      WHERE "taskId" IN (SELECT "taskId" FROM "TaskAssignment" GROUP BY "taskId" HAVING count(*) > 1)
      ORDER BY "taskId", id`,
  ]);
  const holdingsOf = new Map<number, Holding<number>[]>();
  for (const h of holdings) {
    const list = holdingsOf.get(h.taskId) ?? [];
    list.push({ unit: h.unitId, heldFrom: h.heldFrom.getTime() });
    holdingsOf.set(h.taskId, list);
  }
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
    const unit = unitById.get(holderAt(holdingsOf.get(task.id) ?? [], asOf) ?? task.unitId);
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
  const known = units
    .filter((u) => u.validFrom === null || u.validFrom.getTime() <= asOf)
    .map((u) => ({ code: u.code, name: u.name, ceased: u.dissolvedOn !== null && u.dissolvedOn.getTime() <= asOf }));
  return summarizeStatuses(summaryTasks, asOf, known);
}

import { InputError } from '../../errors.js';
import type { EngineDeps } from '../engine-deps.js';
import { holdsPostAt } from '../province/official-terms.js';
import { loadProvinceContext } from '../province/province-context.js';
import { loadStatusSummary } from './summary.js';

/** A holder of a post, with their term (instants in ISO; `since` null: before da06 knew, `until` null: holds it). */
export interface TermView {
  name: string;
  title: string | null;
  email: string;
  since: string | null;
  until: string | null;
  current: boolean;
}

const FINAL_STATES = new Set(['completed', 'cancelled']);

/**
 * A unit's life as `da06 unit show` prints it: when it came into being and ceased (and its successor), the units
 * that passed their tasks to it, every head and contact with their terms, its open tasks (with the unit each came
 * from), the tasks it inherited (and whether each was already overdue then) and those it passed on, and its line
 * in today's summary.
 */
export async function loadUnitHistory(deps: EngineDeps, code: string) {
  const unit = await deps.prisma.unit.findUnique({ where: { code }, include: { officials: { orderBy: [{ termStart: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }] } } });
  if (!unit) throw new InputError(`Unit "${code}" does not exist. The units are those of the seed file (\`da06 seed FILE\`); \`da06 summary\` lists them.`);
  const now = deps.now();
  const { calendar } = await loadProvinceContext(deps.prisma);
  const day = (d: Date | null) => (d === null ? null : calendar.localDate(d.getTime()));
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  const [predecessors, held, tasks, summary] = await Promise.all([
    deps.prisma.unit.findMany({ where: { successorCode: code }, orderBy: [{ dissolvedOn: 'asc' }, { code: 'asc' }] }),
    deps.prisma.taskAssignment.findMany({ where: { unitId: unit.id }, include: { task: { select: { id: true, code: true } } }, orderBy: { id: 'asc' } }),
    deps.prisma.task.findMany({ where: { unitId: unit.id }, orderBy: { code: 'asc' } }),
    loadStatusSummary(deps.prisma, now),
  ]);
  // The holdings just before and just after this unit's, for each task it held: where it came from, where it went.
  const taskIds = [...new Set(held.map((h) => h.taskId))];
  const around = await deps.prisma.taskAssignment.findMany({ where: { taskId: { in: taskIds } }, include: { unit: { select: { code: true } } }, orderBy: { id: 'asc' } });
  const neighbours = (taskId: number, id: number) => {
    const list = around.filter((a) => a.taskId === taskId);
    const i = list.findIndex((a) => a.id === id);
    return { before: list[i - 1] ?? null, after: list[i + 1] ?? null };
  };
  const snapshots = new Map(
    (await deps.prisma.task.findMany({ where: { id: { in: taskIds } }, select: { id: true, deadline: true, snapshot: true } })).map((t) => [t.id, t]),
  );
  const overdueBy = (taskId: number, at: number): boolean => {
    const t = snapshots.get(taskId);
    const breaches = (t?.snapshot as { context?: { breaches?: { kind: string; at: number }[] } } | null)?.context?.breaches ?? [];
    return breaches.some((b) => b.kind === 'overdue' && b.at <= at) || (t?.deadline != null && t.deadline.getTime() < at);
  };
  const term = (o: (typeof unit.officials)[number]): TermView => ({
    name: o.name,
    title: o.title,
    email: o.email,
    since: iso(o.termStart),
    until: iso(o.termEnd),
    current: holdsPostAt(o, now),
  });
  const line = summary.units.find((u) => u.code === code) ?? null;
  return {
    code: unit.code,
    name: unit.name,
    /** The province's time zone, in which the days (`validFrom`, `dissolved.on`) are written. */
    timeZone: calendar.timeZone,
    kind: unit.kind,
    parent: unit.parentCode,
    validFrom: day(unit.validFrom),
    dissolved: unit.dissolvedOn
      ? { on: day(unit.dissolvedOn), successor: unit.successorCode, document: unit.dissolutionDocument, tasksPassedAt: iso(unit.tasksPassedAt) }
      : null,
    predecessors: predecessors.map((p) => ({ code: p.code, name: p.name, dissolvedOn: day(p.dissolvedOn), document: p.dissolutionDocument })),
    heads: unit.officials.filter((o) => o.role === 'head').map(term),
    contacts: unit.officials.filter((o) => o.role === 'contact').map(term),
    openTasks: tasks
      .filter((t) => !FINAL_STATES.has(t.state))
      .map((t) => {
        const holding = held.filter((h) => h.taskId === t.id).at(-1);
        const from = holding ? neighbours(t.id, holding.id).before : null;
        return {
          code: t.code,
          title: t.title,
          state: t.state,
          status: t.statusClass,
          escalationLevel: t.escalationLevel,
          deadline: iso(t.deadline),
          heldSince: from && holding ? iso(holding.heldFrom) : null,
          from: from?.unit.code ?? null,
        };
      }),
    inherited: held.flatMap((h) => {
      const { before } = neighbours(h.taskId, h.id);
      if (!before) return [];
      return [{ code: h.task.code, from: before.unit.code, at: iso(h.heldFrom), document: h.document, overdueWhenInherited: overdueBy(h.taskId, h.heldFrom.getTime()) }];
    }),
    passedOn: held.flatMap((h) => {
      const { after } = neighbours(h.taskId, h.id);
      return after ? [{ code: h.task.code, to: after.unit.code, at: iso(after.heldFrom), document: after.document }] : [];
    }),
    today: line ? { byStatus: line.byStatus, onTimeRate: line.onTimeRate, rank: line.rank } : null,
  };
}

/** What `loadUnitHistory` returns: the `unit show --json` document. */
export type UnitHistory = Awaited<ReturnType<typeof loadUnitHistory>>;

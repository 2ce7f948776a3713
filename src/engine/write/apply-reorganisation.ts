import type { db } from '../../db/prisma.js';
import type { EngineDeps } from '../engine-deps.js';
import type { AfterCommit } from '../jobs/enqueue.js';
import { reassignTasks } from './reassign-tasks.js';
import { readdressPendingNotices, tasksWithUnsentNoticesFor } from '../notices/readdress-notices.js';

type Tx = db.Prisma.TransactionClient;

/** What `applyDueReorganisation` carried out. */
export interface ReorganisationOutcome {
  /** Each unit whose dissolution was carried out, with the open tasks that passed to its successor. */
  dissolved: { unit: string; successor: string; tasks: string[] }[];
  /** Unsent notices addressed again to new holders of a post. */
  readdressed: number;
  afterCommits: AfterCommit[];
}

export interface ReorganisationOptions {
  actor: string;
  channel?: string;
}

export const FINAL_STATES = ['completed', 'cancelled'];

/**
 * Carries out, in the caller's transaction, every change of the province's organisation that is due at `at`: each
 * unit dissolved on or before `at` whose tasks have not passed yet hands every open task to its successor (through
 * `reassignTasks`: the one door, one REASSIGNED event each, clock and escalation kept), its coordinating roles pass
 * too and its officials' terms end that day; then every post whose holder changes by `at` has its unsent notices
 * addressed again. Run by the seed import (in its transaction) and by the worker's maintenance pass (for the days
 * that were ahead when the file was loaded). Carried out once: a unit is marked when its tasks have passed.
 */
export async function applyDueReorganisation(tx: Tx, deps: EngineDeps, at: number, options: ReorganisationOptions): Promise<ReorganisationOutcome> {
  const outcome: ReorganisationOutcome = { dissolved: [], readdressed: 0, afterCommits: [] };
  const instant = new Date(at);
  // Locked, so the seed and a maintenance pass never carry out the same dissolution twice.
  const due = await tx.$queryRaw<{ id: number; code: string; successorCode: string | null; dissolvedOn: Date; dissolutionDocument: string | null }[]>`
    SELECT id, code, "successorCode", "dissolvedOn", "dissolutionDocument" FROM "Unit"
    WHERE "dissolvedOn" <= ${instant} AND "tasksPassedAt" IS NULL ORDER BY "dissolvedOn", code FOR UPDATE`;
  const coordinating: number[] = [];
  for (const unit of due) {
    const successor = unit.successorCode === null ? null : await tx.unit.findUnique({ where: { code: unit.successorCode }, select: { code: true } });
    if (!successor) {
      deps.logger.error({ unit: unit.code, successor: unit.successorCode }, 'a dissolved unit names no successor in the database; its tasks stay until a seed file names one');
      continue;
    }
    const open = await tx.task.findMany({ where: { unitId: unit.id, state: { notIn: FINAL_STATES } }, select: { code: true }, orderBy: { id: 'asc' } });
    const moves = open.map((t) => ({ code: t.code, to: successor.code, document: unit.dissolutionDocument, heldFrom: unit.dissolvedOn.getTime() }));
    const reassigned = await reassignTasks(tx, deps, moves, { at, ...options });
    outcome.afterCommits.push(...reassigned.afterCommits);
    coordinating.push(...(await passCoordinatingRole(tx, unit.code, successor.code)));
    await tx.official.updateMany({
      where: { unitId: unit.id, OR: [{ termEnd: null }, { termEnd: { gt: unit.dissolvedOn } }] },
      data: { termEnd: unit.dissolvedOn },
    });
    await tx.unit.update({ where: { id: unit.id }, data: { tasksPassedAt: instant } });
    outcome.dissolved.push({ unit: unit.code, successor: successor.code, tasks: reassigned.moved.map((m) => m.code) });
    deps.logger.info({ unit: unit.code, successor: successor.code, tasks: reassigned.moved.length }, 'dissolution carried out: open tasks passed to the successor');
  }
  const posts = await tx.official.findMany({ where: { readdressAt: { lte: instant } }, select: { id: true, unit: { select: { code: true } } } });
  // Notices still unsent that reach a unit whose people changed: a new head or contact, or a unit that ceased (its
  // completed tasks stay with it, and nobody holds its posts any more), and the tasks it helped with.
  const codes = [...new Set([...posts.flatMap((p) => (p.unit ? [p.unit.code] : [])), ...outcome.dissolved.map((d) => d.unit)])];
  const tasks = [...new Set([...coordinating, ...(await tasksWithUnsentNoticesFor(tx, codes))])];
  outcome.readdressed += await readdressPendingNotices(tx, deps, tasks, at);
  if (posts.length) await tx.official.updateMany({ where: { id: { in: posts.map((p) => p.id) } }, data: { readdressAt: null } });
  return outcome;
}

/** Open tasks that named `from` as a coordinating unit name its successor instead; returns their ids. */
async function passCoordinatingRole(tx: Tx, from: string, to: string): Promise<number[]> {
  const tasks = await tx.task.findMany({
    where: { coordinatingUnitCodes: { has: from }, state: { notIn: FINAL_STATES } },
    select: { id: true, coordinatingUnitCodes: true, unit: { select: { code: true } } },
  });
  for (const task of tasks) {
    const codes = [...new Set(task.coordinatingUnitCodes.map((c) => (c === from ? to : c)))].filter((c) => c !== task.unit.code);
    await tx.task.update({ where: { id: task.id }, data: { coordinatingUnitCodes: codes } });
  }
  return tasks.map((t) => t.id);
}

/**
 * The worker's maintenance step: carries out what has fallen due since the files were loaded (a dissolution or a
 * head's term dated ahead), in one transaction, then adds the jobs. Costs one query when nothing is due.
 */
export async function reorganisationMaintenance(deps: EngineDeps): Promise<ReorganisationOutcome | 'nothing due'> {
  const at = deps.now();
  const [check] = await deps.prisma.$queryRaw<{ due: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Unit" WHERE "dissolvedOn" <= ${new Date(at)} AND "tasksPassedAt" IS NULL)
        OR EXISTS (SELECT 1 FROM "Official" WHERE "readdressAt" <= ${new Date(at)}) AS due`;
  if (!check?.due) return 'nothing due';
  const outcome = await deps.prisma.$transaction((tx) => applyDueReorganisation(tx, deps, at, { actor: 'maintenance' }), { timeout: 15 * 60_000, maxWait: 30_000 });
  for (const afterCommit of outcome.afterCommits) await afterCommit();
  return outcome;
}

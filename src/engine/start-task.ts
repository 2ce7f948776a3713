import { initialTransition } from 'xstate';
import type { Indicator } from '../domain/indicator.js';
import type { UnitKind } from '../domain/unit-kind.js';
import type { db } from '../db/prisma.js';
import { describeTask } from '../../workflows/describe-task.js';
import { TASK_MACHINE_VERSION } from '../../workflows/task-machine.js';
import type { TaskPolicy } from '../../workflows/task-policy.js';
import { persistSnapshot } from '../../workflows/task-snapshot.js';
import { statusClassOf, timerRows } from './apply-transition.js';
import type { EngineDeps } from './engine-deps.js';
import { enqueueTimers, type AfterCommit } from './enqueue.js';
import { interpretActions } from './interpret-actions.js';
import { loadProvinceContext } from './province-context.js';

type Tx = db.Prisma.TransactionClient;

/** A task as an administrator assigns it. */
export interface NewTaskInput {
  code: string;
  title: string;
  unitCode: string;
  coordinatingUnitCodes: string[];
  document: string | null;
  product: string | null;
  start: number;
  deadline: number | null;
  deadlineText: string | null;
  policyName: string;
  policy: TaskPolicy;
  indicator: Indicator | null;
}

const CHUNK = 2000;

const TASK_COLUMNS = [
  'code', 'title', 'unitId', 'coordinatingUnitCodes', 'document', 'product', 'startAt', 'deadline', 'deadlineText',
  'policyName', 'policy', 'indicator', 'snapshot', 'machineVersion', 'state', 'statusClass', 'escalationLevel',
  'underperforming', 'version', 'createdAt', 'updatedAt',
];
const EVENT_COLUMNS = ['taskId', 'version', 'type', 'at', 'recordedAt', 'actor', 'fromState', 'toState', 'payload'];
const TIMER_COLUMNS = ['taskId', 'sendId', 'fireAt', 'event', 'state', 'jobId', 'taskVersion', 'createdAt'];

/** Inserts rows given as objects keyed by column name, through one JSON parameter (json_populate_recordset). */
async function insertRows<R = unknown>(tx: Tx, table: string, columns: readonly string[], rows: readonly object[], returning?: string): Promise<R[]> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)${returning ? ` RETURNING ${returning}` : ''}`;
  const json = JSON.stringify(rows);
  return returning ? tx.$queryRawUnsafe<R[]>(sql, json) : ((await tx.$executeRawUnsafe(sql, json)), []);
}

/**
 * Inserts new tasks with their first snapshot (the machine's `initialTransition`), a CREATED audit event and
 * their Timer rows, in the caller's transaction; returns what to enqueue after commit.
 */
export async function startTasks(tx: Tx, deps: EngineDeps, tasks: readonly NewTaskInput[], at: number): Promise<AfterCommit> {
  if (tasks.length === 0) return async () => {};
  const province = await loadProvinceContext(tx);
  const unitCodes = [...new Set(tasks.map((t) => t.unitCode))];
  const units = await tx.unit.findMany({ where: { code: { in: unitCodes } }, select: { id: true, code: true, kind: true } });
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const pendingTimers: { jobId: string; fireAt: Date }[] = [];

  for (let i = 0; i < tasks.length; i += CHUNK) {
    const chunk = tasks.slice(i, i + CHUNK);
    const planned = chunk.map((input) => {
      const unit = unitByCode.get(input.unitCode);
      if (!unit) throw new Error(`Task "${input.code}" names unit "${input.unitCode}", which is not in the database.`);
      const [snapshot, actions] = initialTransition(province.machine, {
        code: input.code,
        unitKind: unit.kind as UnitKind,
        start: input.start,
        deadline: input.deadline,
        policy: input.policy,
        indicator: input.indicator,
        at,
      });
      const interpreted = interpretActions(actions, at);
      if (interpreted.notices.length) {
        // The machine only notifies from timers and people's events; a notice here would be lost.
        throw new Error(`The task machine notified on creation of "${input.code}"; notices must come from a transition.`);
      }
      const description = describeTask(snapshot);
      const row: db.Prisma.TaskCreateManyInput = {
        code: input.code,
        title: input.title,
        unitId: unit.id,
        coordinatingUnitCodes: input.coordinatingUnitCodes,
        document: input.document,
        product: input.product,
        startAt: new Date(input.start),
        deadline: input.deadline === null ? null : new Date(input.deadline),
        deadlineText: input.deadlineText,
        policyName: input.policyName,
        policy: input.policy as unknown as db.Prisma.InputJsonValue,
        indicator: (input.indicator ?? undefined) as db.Prisma.InputJsonValue | undefined,
        snapshot: persistSnapshot(snapshot) as db.Prisma.InputJsonValue,
        machineVersion: TASK_MACHINE_VERSION,
        state: description.state,
        statusClass: statusClassOf(snapshot.context, description, at),
        escalationLevel: description.escalationLevel,
        underperforming: description.underperforming,
        version: 1,
      };
      return { row, timers: interpreted.timers, description };
    });
    const stamp = new Date(at).toISOString();
    // Raw bulk inserts: one JSON parameter per table instead of Prisma's per-row query building, which
    // dominated the import of large plans (see docs/benchmarks.md).
    const created = await insertRows<{ id: number; code: string }>(
      tx,
      'Task',
      TASK_COLUMNS,
      planned.map((p) => ({ ...p.row, createdAt: stamp, updatedAt: stamp })),
      'id, code',
    );
    const idByCode = new Map(created.map((c) => [c.code, c.id]));
    const events: Record<string, unknown>[] = [];
    const timers: db.Prisma.TimerCreateManyInput[] = [];
    for (const p of planned) {
      const taskId = idByCode.get(p.row.code) as number;
      events.push({
        taskId,
        version: 1,
        type: 'CREATED',
        at: stamp,
        recordedAt: stamp,
        actor: 'seed',
        fromState: 'none',
        toState: p.description.state,
        payload: { deadline: p.row.deadline ? (p.row.deadline as Date).toISOString() : null, policy: p.row.policyName },
      });
      timers.push(...timerRows(taskId, 1, p.timers));
    }
    await insertRows(tx, 'TaskEvent', EVENT_COLUMNS, events);
    if (timers.length) await insertRows(tx, 'Timer', TIMER_COLUMNS, timers.map((t) => ({ ...t, state: 'pending', createdAt: stamp })));
    pendingTimers.push(...timers.map((t) => ({ jobId: t.jobId, fireAt: t.fireAt as Date })));
  }
  return () => enqueueTimers(deps, pendingTimers);
}

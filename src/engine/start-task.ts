import { setImmediate as yieldToIo } from 'node:timers/promises';
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
import { interpretActions, type PlannedTimer } from './interpret-actions.js';
import { loadProvinceContext, type ProvinceContext } from './province-context.js';

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
  /** The seed hash to store with the task (see `taskSeedHash`), when it comes from a seed file. */
  seedHash?: string | null;
}

export interface StartTasksOptions {
  /** Called after each chunk is written, with the number of tasks written so far. */
  onProgress?: (done: number) => void;
}

const CHUNK = 2000;
// First snapshots are computed in slices, yielding in between, so the previous chunk's inserts travel to and
// from PostgreSQL while this chunk is computed (one connection: the transaction's).
const SLICE = 200;
// Redis runs one script at a time, but a few batches in flight keep it busy while the client encodes the next.
const ENQUEUE_LANES = 4;

const TASK_COLUMNS = [
  'code', 'title', 'unitId', 'coordinatingUnitCodes', 'document', 'product', 'startAt', 'deadline', 'deadlineText',
  'policyName', 'policy', 'indicator', 'snapshot', 'machineVersion', 'state', 'statusClass', 'escalationLevel',
  'underperforming', 'version', 'seedHash', 'createdAt', 'updatedAt',
];
const EVENT_COLUMNS = ['taskId', 'version', 'type', 'at', 'recordedAt', 'actor', 'fromState', 'toState', 'payload'];
const TIMER_COLUMNS = ['taskId', 'sendId', 'fireAt', 'event', 'state', 'jobId', 'taskVersion', 'createdAt'];

/** One task with its first snapshot, as the Task row to insert (JSON-ready: instants as ISO text). */
interface PlannedTask {
  row: Record<string, unknown> & { code: string };
  state: string;
  deadline: string | null;
  timers: PlannedTimer[];
}

/** Inserts rows given as objects keyed by column name, through one JSON parameter (json_populate_recordset). */
async function insertRows<R = unknown>(tx: Tx, table: string, columns: readonly string[], rows: readonly object[], returning?: string): Promise<R[]> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)${returning ? ` RETURNING ${returning}` : ''}`;
  const json = JSON.stringify(rows);
  return returning ? tx.$queryRawUnsafe<R[]>(sql, json) : ((await tx.$executeRawUnsafe(sql, json)), []);
}

function planTask(province: ProvinceContext, unit: { id: number; kind: string }, input: NewTaskInput, at: number, stamp: string): PlannedTask {
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
  const deadline = input.deadline === null ? null : new Date(input.deadline).toISOString();
  const row = {
    code: input.code,
    title: input.title,
    unitId: unit.id,
    coordinatingUnitCodes: input.coordinatingUnitCodes,
    document: input.document,
    product: input.product,
    startAt: new Date(input.start).toISOString(),
    deadline,
    deadlineText: input.deadlineText,
    policyName: input.policyName,
    policy: input.policy,
    indicator: input.indicator,
    snapshot: persistSnapshot(snapshot),
    machineVersion: TASK_MACHINE_VERSION,
    state: description.state,
    statusClass: statusClassOf(snapshot.context, description, at),
    escalationLevel: description.escalationLevel,
    underperforming: description.underperforming,
    version: 1,
    seedHash: input.seedHash ?? null,
    createdAt: stamp,
    updatedAt: stamp,
  };
  return { row, state: description.state, deadline, timers: interpreted.timers };
}

/** Writes one chunk: its Task rows, then their CREATED events and Timer rows; returns the jobs to add after commit. */
async function writeChunk(tx: Tx, planned: readonly PlannedTask[], stamp: string): Promise<{ jobId: string; fireAt: Date }[]> {
  const created = await insertRows<{ id: number; code: string }>(tx, 'Task', TASK_COLUMNS, planned.map((p) => p.row), 'id, code');
  const idByCode = new Map(created.map((c) => [c.code, c.id]));
  const events: Record<string, unknown>[] = [];
  const timers: Record<string, unknown>[] = [];
  const jobs: { jobId: string; fireAt: Date }[] = [];
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
      toState: p.state,
      payload: { deadline: p.deadline, policy: p.row.policyName },
    });
    for (const t of timerRows(taskId, 1, p.timers)) {
      timers.push({ ...t, state: 'pending', createdAt: stamp });
      jobs.push({ jobId: t.jobId, fireAt: t.fireAt as Date });
    }
  }
  await insertRows(tx, 'TaskEvent', EVENT_COLUMNS, events);
  if (timers.length) await insertRows(tx, 'Timer', TIMER_COLUMNS, timers);
  return jobs;
}

/**
 * Inserts new tasks with their first snapshot (the machine's `initialTransition`), a CREATED audit event and
 * their Timer rows, in the caller's transaction; returns what to enqueue after commit.
 */
export async function startTasks(tx: Tx, deps: EngineDeps, tasks: readonly NewTaskInput[], at: number, options: StartTasksOptions = {}): Promise<AfterCommit> {
  if (tasks.length === 0) return async () => {};
  const province = await loadProvinceContext(tx);
  const unitCodes = [...new Set(tasks.map((t) => t.unitCode))];
  const units = await tx.unit.findMany({ where: { code: { in: unitCodes } }, select: { id: true, code: true, kind: true } });
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const stamp = new Date(at).toISOString();
  const pendingTimers: { jobId: string; fireAt: Date }[] = [];

  // Raw bulk inserts (one JSON parameter per table, see docs/benchmarks.md), pipelined: chunk n is written
  // while chunk n + 1 is computed. Only one write is in flight at a time, as the transaction has one connection.
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; i < tasks.length; i += CHUNK) {
      const planned: PlannedTask[] = [];
      for (let j = i; j < Math.min(i + CHUNK, tasks.length); j += 1) {
        const input = tasks[j] as NewTaskInput;
        const unit = unitByCode.get(input.unitCode);
        if (!unit) throw new Error(`Task "${input.code}" names unit "${input.unitCode}", which is not in the database.`);
        planned.push(planTask(province, unit, input, at, stamp));
        if ((j + 1) % SLICE === 0) await yieldToIo();
      }
      await writing;
      const done = i + planned.length;
      writing = writeChunk(tx, planned, stamp).then((jobs) => {
        for (const job of jobs) pendingTimers.push(job);
        options.onProgress?.(done);
      });
      // Awaited at the next chunk or below; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
    }
    await writing;
  } catch (error) {
    await writing.catch(() => undefined);
    throw error;
  }
  return async () => {
    const lane = Math.ceil(pendingTimers.length / ENQUEUE_LANES);
    await Promise.all(Array.from({ length: ENQUEUE_LANES }, (_, k) => enqueueTimers(deps, pendingTimers.slice(k * lane, (k + 1) * lane))));
  };
}

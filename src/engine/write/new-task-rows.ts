import type pg from 'pg';
import { copyRows, JsonText, type CopyValue } from '../../db/copy-rows.js';
import { insertRows, type Sql } from '../../db/sql.js';
import { TASK_MACHINE_VERSION } from '../../../workflows/task-machine.js';
import { timerRows } from './transition-plan.js';
import type { FirstSnapshot } from './first-snapshots.js';
import type { NewTaskInput } from './start-task.js';

type Row = Record<string, CopyValue>;
type Columns = Readonly<Record<string, string>>;

/**
 * A chunk of new tasks as rows: the Task rows, one CREATED audit event and one holding (TaskAssignment) each, their
 * Timer rows and the jobs to add.
 */
export interface NewTaskRows {
  tasks: Row[];
  events: Row[];
  assignments: Row[];
  timers: Row[];
  jobs: { jobId: string; fireAt: Date }[];
  /** The JSON of each policy the chunk's tasks share, written once. */
  policies: WeakMap<object, JsonText>;
}

/** An empty chunk. */
export function emptyTaskRows(): NewTaskRows {
  return { tasks: [], events: [], assignments: [], timers: [], jobs: [], policies: new WeakMap() };
}

/**
 * Writes rows of several tables, in the order given, each row an object keyed by column name, in the caller's
 * transaction. `inFlight`: how many calls may be pending at once (the next is made before the previous resolves).
 */
export interface RowLoader {
  load(tables: readonly { table: string; columns: Columns; rows: readonly Row[] }[]): Promise<void>;
  inFlight: number;
}

// The columns written for a new task, with their types (the JSON loader names them; COPY uses the table's own).
const TASK_COLUMNS = {
  id: 'int', code: 'text', title: 'text', unitId: 'int', coordinatingUnitCodes: 'text[]', document: 'text', product: 'text',
  startAt: 'timestamp(3)', deadline: 'timestamp(3)', deadlineText: 'text', policyName: 'text', policy: 'json', indicator: 'jsonb',
  snapshot: 'json', machineVersion: 'int', state: 'text', statusClass: 'text', escalationLevel: '"EscalationLevel"',
  underperforming: 'boolean', version: 'int', seedHash: 'text', createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
};
const EVENT_COLUMNS = {
  taskId: 'int', version: 'int', type: 'text', at: 'timestamp(3)', recordedAt: 'timestamp(3)', actor: 'text', fromState: 'text',
  toState: 'text', payload: 'jsonb',
};
const ASSIGNMENT_COLUMNS = { taskId: 'int', unitId: 'int', heldFrom: 'timestamp(3)' };
const TIMER_COLUMNS = {
  taskId: 'int', sendId: 'text', fireAt: 'timestamp(3)', event: 'jsonb', state: '"TimerState"', jobId: 'text', taskVersion: 'int',
  createdAt: 'timestamp(3)',
};

/** Adds to `rows` the rows of one new task: `id` is its preallocated Task id, `stamp` the import instant (ISO). */
export function addNewTaskRows(rows: NewTaskRows, id: number, unitId: number, input: NewTaskInput, first: FirstSnapshot, stamp: string): void {
  const deadline = input.deadline === null ? null : new Date(input.deadline).toISOString();
  let policy = rows.policies.get(input.policy);
  if (policy === undefined) rows.policies.set(input.policy, (policy = new JsonText(JSON.stringify(input.policy))));
  rows.tasks.push({
    id,
    code: input.code,
    title: input.title,
    unitId,
    coordinatingUnitCodes: input.coordinatingUnitCodes,
    document: input.document,
    product: input.product,
    startAt: new Date(input.start).toISOString(),
    deadline,
    deadlineText: input.deadlineText,
    policyName: input.policyName,
    policy,
    indicator: input.indicator,
    snapshot: first.snapshot,
    machineVersion: TASK_MACHINE_VERSION,
    state: first.state,
    statusClass: first.statusClass,
    escalationLevel: first.escalationLevel,
    underperforming: first.underperforming,
    version: 1,
    seedHash: input.seedHash ?? null,
    createdAt: stamp,
    updatedAt: stamp,
  });
  rows.events.push({
    taskId: id,
    version: 1,
    type: 'CREATED',
    at: stamp,
    recordedAt: stamp,
    actor: 'seed',
    fromState: 'none',
    toState: first.state,
    payload: { deadline, policy: input.policyName },
  });
  // Held by its unit from its start (or from now, for a task that starts later), as the summaries count it.
  rows.assignments.push({ taskId: id, unitId, heldFrom: new Date(Math.min(input.start, Date.parse(stamp))).toISOString() });
  for (const t of timerRows(id, 1, first.timers)) {
    const fireAt = t.fireAt as Date;
    rows.timers.push({ taskId: id, sendId: t.sendId, fireAt: fireAt.toISOString(), event: t.event as object, state: 'pending', jobId: t.jobId, taskVersion: 1, createdAt: stamp });
    rows.jobs.push({ jobId: t.jobId, fireAt });
  }
}

/** Writes a chunk's rows: the tasks first, then the events, holdings and timers that refer to them. */
export function writeNewTaskRows(loader: RowLoader, rows: NewTaskRows): Promise<void> {
  return loader.load([
    { table: 'Task', columns: TASK_COLUMNS, rows: rows.tasks },
    { table: 'TaskEvent', columns: EVENT_COLUMNS, rows: rows.events },
    { table: 'TaskAssignment', columns: ASSIGNMENT_COLUMNS, rows: rows.assignments },
    { table: 'Timer', columns: TIMER_COLUMNS, rows: rows.timers },
  ]);
}

/**
 * Loads rows with COPY on the transaction's own connection: the cheapest way for PostgreSQL to take many rows. Two
 * chunks in flight: the next chunk's statements wait, queued on the connection, while the current one loads.
 */
export function copyLoader(client: pg.ClientBase): RowLoader {
  return { load: (tables) => copyRows(client, tables.map(({ table, columns, rows }) => ({ table, columns: Object.keys(columns), rows }))), inFlight: 2 };
}

/** Loads rows through one JSON parameter (`insertRows`), for a caller that only has plain SQL. */
export function jsonLoader(sql: Sql): RowLoader {
  return {
    async load(tables) {
      for (const { table, columns, rows } of tables) await insertRows(sql, table, columns, rows);
    },
    inFlight: 1,
  };
}

import type pg from 'pg';
import { CopyLines, JsonText, type CopyValue } from '../../db/copy-rows.js';
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
  tasks: TableRows;
  events: TableRows;
  assignments: TableRows;
  timers: TableRows;
  jobs: { jobId: string; fireAt: Date }[];
  /** The JSON of each policy the chunk's tasks share, written once. */
  policies: WeakMap<object, JsonText>;
}

/** Rows of one table on their way to PostgreSQL, each an object keyed by column name (see `RowLoader`). */
export interface TableRows {
  readonly length: number;
  push(row: Row): void;
  /** Writes the rows added so far in the caller's transaction. */
  write(): Promise<void>;
}

/** Starts the rows of one table: how they are kept until written is the loader's. */
export type RowLoader = (table: string, columns: Columns) => TableRows;

/** An empty chunk. */
export function emptyTaskRows(load: RowLoader): NewTaskRows {
  return {
    tasks: load('Task', TASK_COLUMNS),
    events: load('TaskEvent', EVENT_COLUMNS),
    assignments: load('TaskAssignment', ASSIGNMENT_COLUMNS),
    timers: load('Timer', TIMER_COLUMNS),
    jobs: [],
    policies: new WeakMap(),
  };
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
export async function writeNewTaskRows(rows: NewTaskRows): Promise<void> {
  await rows.tasks.write();
  await rows.events.write();
  await rows.assignments.write();
  await rows.timers.write();
}

/**
 * Loads rows with COPY on the transaction's own connection: the cheapest way for PostgreSQL to take many rows.
 * Each row is written out as COPY text when it is added (`CopyLines`).
 */
export function copyLoader(client: pg.ClientBase): RowLoader {
  return (table, columns) => new CopyLines(client, table, Object.keys(columns));
}

/** Loads rows through one JSON parameter (`insertRows`), for a caller that only has plain SQL. */
export function jsonLoader(sql: Sql): RowLoader {
  return (table, columns) => {
    const rows: Row[] = [];
    return {
      get length() {
        return rows.length;
      },
      push: (row) => rows.push(row),
      write: () => insertRows(sql, table, columns, rows),
    };
  };
}

import { setImmediate as yieldToIo } from 'node:timers/promises';
import type pg from 'pg';
import type { Indicator } from '../../domain/indicator.js';
import type { UnitKind } from '../../domain/unit-kind.js';
import type { db } from '../../db/prisma.js';
import { withBulkLoad } from '../../db/bulk-load.js';
import { sqlInPrisma, sqlOn } from '../../db/sql.js';
import type { TaskPolicy } from '../../../workflows/task-policy.js';
import type { EngineDeps } from '../engine-deps.js';
import { enqueueTimers, type AfterCommit } from '../jobs/enqueue.js';
import { firstSnapshotsAt } from './first-snapshots.js';
import { addNewTaskRows, copyLoader, emptyTaskRows, jsonLoader, writeNewTaskRows } from './new-task-rows.js';
import { loadProvinceContext } from '../province/province-context.js';

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
  /**
   * `tx`'s own connection (see `inSeedTransaction`): the rows are loaded with COPY on it. Without it they travel as
   * JSON through the Prisma client's raw queries: the same rows, for half as much again of PostgreSQL's CPU and
   * several times this process's.
   */
  connection?: pg.ClientBase;
  /**
   * From how many tasks an import on `connection` checks the foreign keys of its rows once, at the end, rather than
   * row by row, and builds the indexes of the tables it at least doubles once (`withBulkLoad`: it takes the task
   * tables for itself until commit). Default 10,000.
   */
  bulkLoadFrom?: number;
}

const CHUNK = 2000;
// Rows are built in slices, yielding in between, so the previous chunk's rows load into PostgreSQL while this
// chunk is built (one connection: the transaction's).
const SLICE = 200;
// Redis runs one script at a time, but a few batches in flight keep it busy while the client encodes the next.
const ENQUEUE_LANES = 4;
// Tasks an import must add before it checks its rows' foreign keys and builds indexes once, at the end (see
// StartTasksOptions): below that, the few seconds the other sessions would wait for the tables are not worth the
// fraction of a second saved.
const BULK_LOAD_FROM = 10_000;
// How long such an import waits for the tables before it loads row by row instead.
const BULK_LOAD_LOCK_TIMEOUT_MS = 2000;
// The tables whose rows a new task adds.
const NEW_TASK_TABLES = ['Task', 'TaskEvent', 'TaskAssignment', 'Timer'];
// Tasks an import must add before it refreshes the planner's statistics itself rather than wait for autovacuum.
const ANALYZE_AFTER = 1000;

// The columns the engine's queries filter, join or sort on. The others (snapshots, policies, titles, payloads) are
// never in a WHERE; sampling them cost 0.8 s of the 1.4 s at 100,000 tasks. Autovacuum's own ANALYZE, within a
// minute or so, adds their statistics.
const ANALYZED_COLUMNS = `"Task" (id, code, "unitId", state, "statusClass", "escalationLevel", deadline, "startAt"),
  "Timer" (id, "taskId", "sendId", state, "fireAt", "jobId", "claimedUntil"), "TaskEvent" (id, "taskId", version, type, at)`;

/**
 * Refreshes PostgreSQL's statistics of the tables an import fills. Autovacuum would within a minute or so; until
 * then the planner takes a freshly filled Timer table for a small one, and each batch of a storm due soon after
 * the import read every pending timer (see `cancel-timers.ts`). Only an optimisation: a failure is logged.
 */
async function analyzeTaskTables(deps: EngineDeps): Promise<void> {
  try {
    await sqlOn(deps.pool).query(`ANALYZE ${ANALYZED_COLUMNS}`);
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message }, 'could not refresh table statistics after the import');
  }
}

/**
 * Inserts new tasks with their first snapshot (the machine's `initialTransition`, see `firstSnapshotsAt`), a
 * CREATED audit event and their Timer rows, in the caller's transaction; returns what to enqueue after commit.
 */
export async function startTasks(tx: Tx, deps: EngineDeps, tasks: readonly NewTaskInput[], at: number, options: StartTasksOptions = {}): Promise<AfterCommit> {
  if (tasks.length === 0) return async () => {};
  const province = await loadProvinceContext(tx);
  const unitCodes = [...new Set(tasks.map((t) => t.unitCode))];
  const units = await tx.unit.findMany({ where: { code: { in: unitCodes } }, select: { id: true, code: true, kind: true } });
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const ids = await allocateTaskIds(tx, tasks.length);
  const stamp = new Date(at).toISOString();
  const load = options.connection ? copyLoader(options.connection) : jsonLoader(sqlInPrisma(tx));
  const firstSnapshot = firstSnapshotsAt(province.machine, at);
  const pendingTimers: { jobId: string; fireAt: Date }[] = [];

  const writeAll = async () => {
    // Pipelined: chunk n is written while chunk n + 1 is built. Only one write is in flight at a time, as the
    // transaction has one connection.
    let writing: Promise<void> = Promise.resolve();
    try {
      for (let i = 0; i < tasks.length; i += CHUNK) {
        const rows = emptyTaskRows(load);
        for (let j = i; j < Math.min(i + CHUNK, tasks.length); j += 1) {
          const input = tasks[j] as NewTaskInput;
          const unit = unitByCode.get(input.unitCode);
          if (!unit) throw new Error(`Task "${input.code}" names unit "${input.unitCode}", which is not in the database.`);
          const { code, start, deadline, policy, indicator } = input;
          const first = firstSnapshot({ code, unitKind: unit.kind as UnitKind, start, deadline, policy, indicator });
          addNewTaskRows(rows, ids[j] as number, unit.id, input, first, stamp);
          if ((j + 1) % SLICE === 0) await yieldToIo();
        }
        await writing;
        const done = i + rows.tasks.length;
        writing = writeNewTaskRows(rows).then(() => {
          for (const job of rows.jobs) pendingTimers.push(job);
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
  };
  const { connection } = options;
  if (connection && tasks.length >= (options.bulkLoadFrom ?? BULK_LOAD_FROM)) {
    await withBulkLoad(connection, NEW_TASK_TABLES, { lockTimeoutMs: BULK_LOAD_LOCK_TIMEOUT_MS, rowsAdded: tasks.length, logger: deps.logger }, writeAll);
  } else await writeAll();
  return async () => {
    const lane = Math.ceil(pendingTimers.length / ENQUEUE_LANES);
    await Promise.all(Array.from({ length: ENQUEUE_LANES }, (_, k) => enqueueTimers(deps, pendingTimers.slice(k * lane, (k + 1) * lane))));
    if (tasks.length >= ANALYZE_AFTER) await analyzeTaskTables(deps);
  };
}

/** Takes `count` ids from the Task sequence, ascending, so the tasks' events and timers can be written with them. */
async function allocateTaskIds(tx: Tx, count: number): Promise<number[]> {
  const [row] = await tx.$queryRaw<{ ids: number[] }[]>`
    SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT nextval(pg_get_serial_sequence('"Task"', 'id'))::int AS id FROM generate_series(1, ${count}::int)) s`;
  return row?.ids ?? [];
}

import type pg from 'pg';
import type { db } from '../db/prisma.js';
import { sqlOn } from '../db/sql.js';
import { formatDate } from '../domain/vietnamese-format.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import { dispatchInTransaction } from '../engine/write/dispatch.js';
import type { AfterCommit } from '../engine/jobs/enqueue.js';
import { reassignTasks, type TaskMove } from '../engine/write/reassign-tasks.js';
import { startTasks, type NewTaskInput } from '../engine/write/start-task.js';
import { EventNotAcceptedError, SeedValidationError } from '../errors.js';
import type { TaskEvent } from '../../workflows/task-types.js';
import { createTaskSeedHasher, fieldHashes, seedHashKeeping, TASK_SEED_FIELDS, type TaskSeedField } from './seed-hash.js';
import { recordSeedReports } from './record-seed-reports.js';
import { canonical, diffFields, type FieldUpdate, type SeedOutcome } from './seed-outcome.js';
import type { SeedTask, ValidSeed } from './seed-types.js';

type Tx = db.Prisma.TransactionClient;
type TaskRow = db.Prisma.TaskGetPayload<{ include: { unit: { select: { code: true } } } }>;

export interface SyncTasksOptions {
  file: string;
  dryRun: boolean;
  /** The import instant: new tasks start their clocks here, changes are dated here. */
  at: number;
  onProgress?: (done: number, total: number) => void;
}

const LOAD_CHUNK = 1000;
const FINAL_STATES = new Set(['completed', 'cancelled']);

/**
 * Creates the tasks the database lacks (through the engine's `startTasks`, their rows loaded on `connection`,
 * `tx`'s own) and brings the others in line with the file: plain fields are updated in place, a new deadline or
 * policy and new progress reports go through the task's machine (`dispatchInTransaction`) so its timers follow,
 * and a new unit passes the task to it (`reassignTasks`: a REASSIGNED event, clock and escalation kept). A new
 * task, or a task moved, to a unit that has already ceased is refused with the whole file. Returns the jobs to add
 * after commit.
 */
export async function syncTasks(tx: Tx, connection: pg.PoolClient, deps: EngineDeps, seed: ValidSeed, outcome: SeedOutcome, options: SyncTasksOptions): Promise<AfterCommit[]> {
  const afterCommits: AfterCommit[] = [];
  const existing = await tx.task.findMany({ select: { id: true, code: true, seedHash: true } });
  const byCode = new Map(existing.map((t) => [t.code, t]));
  const named = new Set(seed.tasks.map((t) => t.code));
  for (const row of existing) {
    if (!named.has(row.code)) {
      outcome.counts.tasks.leftAlone += 1;
      outcome.leftAlone.push({ kind: 'tasks', code: row.code });
    }
  }

  const fresh: { task: SeedTask; hash: string }[] = [];
  const changed: { task: SeedTask; hash: string; id: number; stored: string | null }[] = [];
  const taskSeedHash = createTaskSeedHasher();
  for (const task of seed.tasks) {
    const hash = taskSeedHash(task);
    const row = byCode.get(task.code);
    if (!row) fresh.push({ task, hash });
    else if (row.seedHash === hash) outcome.counts.tasks.unchanged += 1;
    else changed.push({ task, hash, id: row.id, stored: row.seedHash });
  }
  outcome.counts.tasks.created = fresh.length;
  refuseCeasedUnits(seed, fresh.map((f) => f.task), options);
  const total = fresh.length + changed.length;
  if (options.dryRun) {
    // Report what would change without writing: compare the changed tasks field by field all the same.
    for (const c of changed) await planChangedTasks(tx, deps, [c], outcome, { ...options, apply: false }, seed);
    return afterCommits;
  }

  if (fresh.length) {
    const t0 = performance.now();
    const inputs = fresh.map(({ task, hash }) => newTaskInput(task, hash, options.at));
    afterCommits.push(await startTasks(tx, deps, inputs, options.at, { connection, onProgress: (done) => options.onProgress?.(done, total) }));
    deps.logger.debug({ tasks: fresh.length, seconds: (performance.now() - t0) / 1000 }, 'startTasks');
    const t1 = performance.now();
    afterCommits.push(...(await recordSeedReports(tx, sqlOn(connection), deps, fresh.map((f) => f.task))));
    deps.logger.debug({ seconds: (performance.now() - t1) / 1000 }, 'seed reports');
  }
  for (let i = 0; i < changed.length; i += LOAD_CHUNK) {
    afterCommits.push(...(await planChangedTasks(tx, deps, changed.slice(i, i + LOAD_CHUNK), outcome, { ...options, apply: true }, seed)));
    options.onProgress?.(fresh.length + Math.min(i + LOAD_CHUNK, changed.length), total);
  }
  return afterCommits;
}

/** A new task given to a unit (or a coordinating unit) that has ceased by the import: the file names its successor instead. */
function refuseCeasedUnits(seed: ValidSeed, tasks: readonly SeedTask[], options: SyncTasksOptions): void {
  const index = new Map(seed.tasks.map((t, i) => [t.code, i]));
  const problems = tasks.flatMap((task) =>
    [task.unitCode, ...task.coordinatingUnitCodes].flatMap((code, k) => {
      const why = ceasedBy(seed, code, task.start ?? options.at);
      return why === null ? [] : [`tasks[${index.get(task.code) ?? '?'}].${k === 0 ? 'unit' : `coordinatingUnits[${k - 1}]`}: ${why}`];
    }),
  );
  if (problems.length) throw new SeedValidationError(options.file, problems);
}

/** Why a task starting at `at` cannot be given to unit `code`: it ceased by then (the file says so); else null. */
function ceasedBy(seed: ValidSeed, code: string, at: number): string | null {
  const d = seed.units.find((u) => u.code === code)?.dissolved;
  if (!d || d.on > at) return null;
  return `"${code}" ceased on ${d.onText} (its tasks pass to ${d.successor}); give the task to ${d.successor}`;
}

function newTaskInput(task: SeedTask, seedHash: string, at: number): NewTaskInput {
  return {
    seedHash,
    code: task.code,
    title: task.title,
    unitCode: task.unitCode,
    coordinatingUnitCodes: task.coordinatingUnitCodes,
    document: task.document,
    product: task.product,
    start: task.start ?? at,
    deadline: task.deadline.kind === 'instant' ? task.deadline.at : null,
    deadlineText: task.deadline.text,
    policyName: task.policyName,
    policy: task.policy,
    indicator: task.indicator,
  };
}

async function planChangedTasks(
  tx: Tx,
  deps: EngineDeps,
  batch: readonly { task: SeedTask; hash: string; id: number; stored: string | null }[],
  outcome: SeedOutcome,
  options: SyncTasksOptions & { apply: boolean },
  seed: ValidSeed,
): Promise<AfterCommit[]> {
  const afterCommits: AfterCommit[] = [];
  const rows = await tx.task.findMany({ where: { id: { in: batch.map((b) => b.id) } }, include: { unit: { select: { code: true } } } });
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const zone = seed.province.timeZone;
  const moves: TaskMove[] = [];
  const refused: string[] = [];
  for (const { task, hash, id, stored } of batch) {
    const row = rowById.get(id) as TaskRow;
    const storedFields = fieldHashes(stored);
    const fileFields = fieldHashes(hash) as Record<TaskSeedField, string>;
    const touched = new Set(TASK_SEED_FIELDS.filter((f) => storedFields?.[f] !== fileFields[f]));
    const keep = new Set<TaskSeedField>();
    const updates: FieldUpdate[] = [];
    const notApplied = (field: TaskSeedField, reason: string) => {
      keep.add(field);
      outcome.notApplied.push({ kind: 'tasks', code: task.code, field, reason });
    };
    const final = FINAL_STATES.has(row.state);

    const plainBefore: Record<string, unknown> = {};
    const plainAfter: Record<string, unknown> = {};
    const pick = (field: TaskSeedField, name: string, before: unknown, after: unknown) => {
      if (!touched.has(field)) return;
      plainBefore[name] = before;
      plainAfter[name] = after;
    };
    pick('title', 'title', row.title, task.title);
    pick('coordinatingUnits', 'coordinatingUnits', row.coordinatingUnitCodes, task.coordinatingUnitCodes);
    pick('document', 'document', row.document, task.document);
    pick('product', 'product', row.product, task.product);
    const plain = diffFields('tasks', task.code, plainBefore, plainAfter);
    updates.push(...plain);
    if (touched.has('unit') && row.unit.code !== task.unitCode) {
      const ceased = ceasedBy(seed, task.unitCode, options.at);
      if (ceased !== null) refused.push(`tasks[${seed.tasks.indexOf(task)}].unit: ${ceased}`);
      else if (final) notApplied('unit', `the task is ${row.state}; it stays with the unit that held it then`);
      else {
        // A task split off a unit that ceased (a merger's file naming its tasks one by one) passes on the day the
        // unit ceased, under its document, as the unit's other tasks do.
        const left = seed.units.find((u) => u.code === row.unit.code)?.dissolved;
        const split = left && left.on <= options.at ? left : null;
        moves.push({ code: task.code, to: task.unitCode, document: split?.document ?? null, ...(split ? { heldFrom: split.on } : {}) });
        updates.push({ kind: 'tasks', code: task.code, field: 'unit', from: row.unit.code, to: task.unitCode, via: 'REASSIGNED' });
      }
    }

    if (touched.has('start') && task.start !== null && task.start !== row.startAt.getTime()) {
      notApplied('start', `the file says ${formatDate(task.start, zone)}, the task started ${formatDate(row.startAt.getTime(), zone)}; a running task keeps the start its indicator's trajectory was drawn from — create a new task to change it`);
    }
    if (touched.has('indicator') && canonical(row.indicator) !== canonical(task.indicator)) {
      notApplied('indicator', 'a running task keeps the indicator it started with; create a new task (a new code) to measure something else');
    }

    const events: TaskEvent[] = [];
    let deadlineText: string | null = null;
    if (touched.has('deadline')) {
      const wanted = task.deadline.kind === 'instant' ? task.deadline.at : null;
      const current = row.deadline?.getTime() ?? null;
      const show = (at: number | null, text: string | null) => (at === null ? (text ?? 'Thường xuyên') : formatDate(at, zone));
      if (wanted !== current) {
        if (final) notApplied('deadline', `the task is ${row.state}; its deadline no longer matters`);
        else if (row.state === 'suspended') notApplied('deadline', 'the task is suspended; resume it (da06 resume CODE), then run the seed again');
        else {
          events.push({ type: 'DEADLINE_EXTENDED', at: options.at, deadline: wanted, reason: `seed ${options.file}`, force: true });
          updates.push({ kind: 'tasks', code: task.code, field: 'deadline', from: show(current, row.deadlineText), to: show(wanted, task.deadline.text), via: 'DEADLINE_EXTENDED' });
          deadlineText = task.deadline.text;
        }
      } else if (row.deadlineText !== task.deadline.text) {
        updates.push({ kind: 'tasks', code: task.code, field: 'deadlineText', from: row.deadlineText ?? '(none)', to: task.deadline.text });
        deadlineText = task.deadline.text;
      }
    }
    let policyName: string | null = null;
    if (touched.has('policy')) {
      if (canonical(row.policy) !== canonical(task.policy)) {
        if (final) notApplied('policy', `the task is ${row.state}; its policy no longer matters`);
        else {
          events.push({ type: 'POLICY_CHANGED', at: options.at, policy: task.policy });
          const from = row.policyName === task.policyName ? `${row.policyName} (as copied when it started)` : row.policyName;
          updates.push({ kind: 'tasks', code: task.code, field: 'policy', from, to: task.policyName, via: 'POLICY_CHANGED' });
          policyName = task.policyName;
        }
      } else if (row.policyName !== task.policyName) {
        updates.push({ kind: 'tasks', code: task.code, field: 'policy', from: row.policyName, to: task.policyName });
        policyName = task.policyName;
      }
    }
    if (touched.has('reports') && task.reports.length > 0) {
      const known = await tx.progressReport.findMany({ where: { taskId: id }, select: { at: true, value: true } });
      const have = new Set(known.map((k) => `${k.at.getTime()}:${k.value}`));
      const missing = task.reports.filter((r) => !have.has(`${r.at}:${r.value}`));
      if (missing.length && final) notApplied('reports', `the task is ${row.state}; reports are no longer recorded`);
      else {
        for (const r of missing) {
          events.push({ type: 'PROGRESS_REPORTED', at: r.at, value: r.value });
          updates.push({ kind: 'tasks', code: task.code, field: 'report', from: '(none)', to: `${r.value} at ${formatDate(r.at, zone)}`, via: 'PROGRESS_REPORTED' });
        }
      }
    }

    if (updates.length === 0) outcome.counts.tasks.unchanged += 1;
    else {
      outcome.counts.tasks.updated += 1;
      outcome.updates.push(...updates);
    }
    if (!options.apply) continue;

    const data: db.Prisma.TaskUncheckedUpdateInput = { seedHash: seedHashKeeping(hash, stored, keep) };
    for (const u of plain) {
      if (u.field === 'title') data.title = task.title;
      else if (u.field === 'coordinatingUnits') data.coordinatingUnitCodes = task.coordinatingUnitCodes;
      else if (u.field === 'document') data.document = task.document;
      else if (u.field === 'product') data.product = task.product;
    }
    if (deadlineText !== null) data.deadlineText = deadlineText;
    if (policyName !== null) data.policyName = policyName;
    await tx.task.update({ where: { id }, data });
    for (const event of events) {
      try {
        const { afterCommit } = await dispatchInTransaction(tx, deps, task.code, event, { actor: 'seed', channel: 'seed' });
        afterCommits.push(afterCommit);
      } catch (error) {
        if (!(error instanceof EventNotAcceptedError)) throw error;
        outcome.notApplied.push({ kind: 'tasks', code: task.code, field: event.type, reason: error.message });
      }
    }
  }
  if (refused.length) throw new SeedValidationError(options.file, refused);
  if (options.apply && moves.length) {
    afterCommits.push(...(await reassignTasks(tx, deps, moves, { at: options.at, actor: 'seed', channel: 'seed' })).afterCommits);
  }
  return afterCommits;
}

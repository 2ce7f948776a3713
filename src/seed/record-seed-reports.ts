import type { db } from '../db/prisma.js';
import type { Sql } from '../db/sql.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import type { AfterCommit } from '../engine/jobs/enqueue.js';
import { loadProvinceContext } from '../engine/province/province-context.js';
import { throughTheDoor, type DoorEntry } from '../engine/write/door.js';
import type { SeedTask } from './seed-types.js';

type Tx = db.Prisma.TransactionClient;

const BATCH = 500;

/**
 * Records the progress reports listed with tasks this import has just created: each one goes through the door
 * as `dispatch` would take it (a PROGRESS_REPORTED transition, its audit event and report row, its timers), a
 * batch of tasks per pass. The tasks are new in this transaction, so no other writer can hold them.
 */
export async function recordSeedReports(tx: Tx, sql: Sql, deps: EngineDeps, tasks: readonly SeedTask[]): Promise<AfterCommit[]> {
  const reporting = tasks.filter((t) => t.reports.length > 0);
  if (reporting.length === 0) return [];
  const province = await loadProvinceContext(tx);
  const afterCommits: AfterCommit[] = [];
  for (let i = 0; i < reporting.length; i += BATCH) {
    const batch = reporting.slice(i, i + BATCH);
    const ids = new Map((await tx.task.findMany({ where: { code: { in: batch.map((t) => t.code) } }, select: { id: true, code: true } })).map((r) => [r.code, r.id]));
    const entries: DoorEntry[] = batch.flatMap((task) =>
      task.reports.map((report) => ({
        taskId: ids.get(task.code) as number,
        event: { type: 'PROGRESS_REPORTED' as const, at: report.at, value: report.value },
        options: { actor: 'seed', channel: 'seed' },
      })),
    );
    afterCommits.push((await throughTheDoor(sql, tx, deps, province, { taskIds: [...ids.values()], entries: () => entries })).afterCommit);
  }
  return afterCommits;
}

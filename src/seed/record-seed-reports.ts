import type { db } from '../db/prisma.js';
import type { Sql } from '../db/sql.js';
import { planTransition, type TaskWithUnit, type TransitionPlan } from '../engine/write/apply-transition.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import type { AfterCommit } from '../engine/jobs/enqueue.js';
import { loadProvinceContext } from '../engine/province/province-context.js';
import { writeTransitions } from '../engine/write/write-transitions.js';
import type { SeedTask } from './seed-types.js';

type Tx = db.Prisma.TransactionClient;

const BATCH = 500;

/**
 * Records the progress reports listed with tasks this import has just created: each one goes through the task's
 * machine as `dispatch` would take it (a PROGRESS_REPORTED transition, its audit event and report row, its timers),
 * a batch of tasks per write. The tasks are new in this transaction, so no other writer can hold them.
 */
export async function recordSeedReports(tx: Tx, sql: Sql, deps: EngineDeps, tasks: readonly SeedTask[]): Promise<AfterCommit[]> {
  const reporting = tasks.filter((t) => t.reports.length > 0);
  if (reporting.length === 0) return [];
  const province = await loadProvinceContext(tx);
  const afterCommits: AfterCommit[] = [];
  for (let i = 0; i < reporting.length; i += BATCH) {
    const batch = reporting.slice(i, i + BATCH);
    const rows = await tx.task.findMany({ where: { code: { in: batch.map((t) => t.code) } }, include: { unit: true } });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const plans: TransitionPlan[] = [];
    for (const task of batch) {
      let current = byCode.get(task.code) as TaskWithUnit;
      for (const report of task.reports) {
        const plan = planTransition(province, current, { type: 'PROGRESS_REPORTED', at: report.at, value: report.value }, { actor: 'seed', channel: 'seed' });
        plans.push(plan);
        current = plan.after;
      }
    }
    afterCommits.push((await writeTransitions(sql, tx, deps, province, plans)).afterCommit);
  }
  return afterCommits;
}

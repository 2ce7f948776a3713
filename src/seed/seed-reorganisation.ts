import type { db } from '../db/prisma.js';
import { applyDueReorganisation } from '../engine/write/apply-reorganisation.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import type { AfterCommit } from '../engine/jobs/enqueue.js';
import type { SeedOutcome } from './seed-outcome.js';
import type { ValidSeed } from './seed-types.js';

type Tx = db.Prisma.TransactionClient;

/**
 * After the units and tasks of a file are written (same transaction): carries out every dissolution and change of
 * head that is due at `at` — a day already past at once, a day ahead later, by the worker's maintenance pass — and
 * records in the outcome which open tasks passed to which successor. With `dryRun`, reports what would pass.
 */
export async function reorganiseInSeed(tx: Tx, deps: EngineDeps, seed: ValidSeed, outcome: SeedOutcome, options: { at: number; dryRun: boolean }): Promise<AfterCommit[]> {
  if (!options.dryRun) {
    const done = await applyDueReorganisation(tx, deps, options.at, { actor: 'seed', channel: 'seed' });
    outcome.reorganised = done.dissolved.filter((d) => d.tasks.length > 0);
    return done.afterCommits;
  }
  const due = seed.units.filter((u) => u.dissolved !== null && u.dissolved.on <= options.at);
  if (due.length === 0) return [];
  const rows = await tx.unit.findMany({
    where: { code: { in: due.map((u) => u.code) }, tasksPassedAt: null },
    select: { code: true, tasks: { where: { state: { notIn: ['completed', 'cancelled'] } }, select: { code: true }, orderBy: { id: 'asc' } } },
  });
  // Tasks the file itself moves elsewhere (a split) do not pass to the successor.
  const moved = new Set(outcome.updates.filter((u) => u.via === 'REASSIGNED').map((u) => u.code));
  outcome.reorganised = rows
    .map((r) => ({ unit: r.code, successor: due.find((u) => u.code === r.code)?.dissolved?.successor ?? '?', tasks: r.tasks.map((t) => t.code).filter((c) => !moved.has(c)) }))
    .filter((d) => d.tasks.length > 0);
  return [];
}

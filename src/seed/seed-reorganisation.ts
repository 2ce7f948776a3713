import type { db } from '../db/prisma.js';
import { applyDueReorganisation, FINAL_STATES } from '../engine/write/apply-reorganisation.js';
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
  // What the import would carry out, in its order (by day, then code), each unit passing what it holds by then:
  // in a chain (A into B, B later into C) A's tasks go on to C with B's.
  const due = seed.units
    .flatMap((u) => (u.dissolved !== null && u.dissolved.on <= options.at ? [{ code: u.code, dissolved: u.dissolved }] : []))
    .sort((a, b) => a.dissolved.on - b.dissolved.on || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (due.length === 0) return [];
  const rows = await tx.unit.findMany({
    where: { code: { in: due.map((u) => u.code) } },
    select: { code: true, tasksPassedAt: true, tasks: { where: { state: { notIn: FINAL_STATES } }, select: { id: true, code: true } } },
  });
  // Tasks the file itself moves elsewhere (a split) do not pass to the successor.
  const moved = new Set(outcome.updates.filter((u) => u.via === 'REASSIGNED').map((u) => u.code));
  const carriedOut = new Set(rows.filter((r) => r.tasksPassedAt !== null).map((r) => r.code));
  const holding = new Map(rows.map((r) => [r.code, r.tasks.filter((t) => !moved.has(t.code))]));
  const reorganised: NonNullable<SeedOutcome['reorganised']> = [];
  for (const { code, dissolved } of due) {
    if (carriedOut.has(code)) continue;
    // In the order the import passes them: by id.
    const tasks = (holding.get(code) ?? []).sort((a, b) => a.id - b.id);
    holding.set(code, []);
    holding.set(dissolved.successor, [...(holding.get(dissolved.successor) ?? []), ...tasks]);
    if (tasks.length > 0) reorganised.push({ unit: code, successor: dissolved.successor, tasks: tasks.map((t) => t.code) });
  }
  outcome.reorganised = reorganised;
  return [];
}

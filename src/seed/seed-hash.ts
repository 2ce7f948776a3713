import { createHash } from 'node:crypto';
import { canonical } from './seed-outcome.js';
import type { SeedTask } from './seed-types.js';

/** The fields of a task's seed definition, each hashed on its own so a re-import knows which ones the file changed. */
export const TASK_SEED_FIELDS = ['title', 'unit', 'coordinatingUnits', 'document', 'product', 'start', 'deadline', 'policy', 'indicator', 'reports'] as const;
export type TaskSeedField = (typeof TASK_SEED_FIELDS)[number];

const PREFIX = 'v1:';

/**
 * The seed hash of a task: one short hash per field, `v1:` + 10 hex per field joined by `.`. Equal strings
 * mean the file did not change the task since its last import; a field whose hash differs is the only
 * kind of field a re-import may touch, so a later `da06 extend` is never undone by re-running an old file.
 */
export function taskSeedHash(task: SeedTask): string {
  const parts: Record<TaskSeedField, unknown> = {
    title: task.title,
    unit: task.unitCode,
    coordinatingUnits: task.coordinatingUnitCodes,
    document: task.document,
    product: task.product,
    start: task.startText,
    deadline: [task.deadline.text, task.deadline.kind === 'instant' ? task.deadline.at : null],
    policy: [task.policyName, task.policy],
    indicator: task.indicator,
    reports: task.reports,
  };
  return PREFIX + TASK_SEED_FIELDS.map((f) => createHash('sha1').update(canonical(parts[f])).digest('hex').slice(0, 10)).join('.');
}

/** The per-field hashes of a stored seed hash, or null when there is none (or it is of another format). */
export function fieldHashes(seedHash: string | null): Record<TaskSeedField, string> | null {
  if (seedHash === null || !seedHash.startsWith(PREFIX)) return null;
  const parts = seedHash.slice(PREFIX.length).split('.');
  if (parts.length !== TASK_SEED_FIELDS.length) return null;
  return Object.fromEntries(TASK_SEED_FIELDS.map((f, i) => [f, parts[i]])) as Record<TaskSeedField, string>;
}

/** A seed hash whose listed fields keep their stored hash (changes not applied are reported again next time). */
export function seedHashKeeping(newHash: string, storedHash: string | null, keep: ReadonlySet<TaskSeedField>): string {
  if (keep.size === 0) return newHash;
  const fresh = fieldHashes(newHash) as Record<TaskSeedField, string>;
  const old = fieldHashes(storedHash);
  return PREFIX + TASK_SEED_FIELDS.map((f) => (keep.has(f) ? (old?.[f] ?? 'x') : fresh[f])).join('.');
}

import { hash } from 'node:crypto';
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
  return createTaskSeedHasher()(task);
}

/**
 * `taskSeedHash` for many tasks of one file: the same hashes, but a value many tasks share (a unit, a deadline,
 * the policy object they all point to) is written out and hashed once.
 */
export function createTaskSeedHasher(): (task: SeedTask) => string {
  const digests = new Map<string, string>();
  const policies = new Map<object, Map<string, string>>();
  const digest = (value: unknown): string => {
    const text = canonicalOf(value);
    let hex = digests.get(text);
    if (hex === undefined) {
      hex = hash('sha1', text).slice(0, 10);
      digests.set(text, hex);
    }
    return hex;
  };
  const policyDigest = (name: string, policy: SeedTask['policy']): string => {
    // Tasks share their policy object (validation hands out one per name): its JSON is built once per object.
    let byName = policies.get(policy);
    if (!byName) policies.set(policy, (byName = new Map()));
    let hex = byName.get(name);
    if (hex === undefined) byName.set(name, (hex = digest([name, policy])));
    return hex;
  };
  return (task) => {
    const deadline = task.deadline.kind === 'instant' ? task.deadline.at : null;
    const fields: Record<TaskSeedField, string> = {
      title: digest(task.title),
      unit: digest(task.unitCode),
      coordinatingUnits: digest(task.coordinatingUnitCodes),
      document: digest(task.document),
      product: digest(task.product),
      start: digest(task.startText),
      deadline: digest([task.deadline.text, deadline]),
      policy: policyDigest(task.policyName, task.policy),
      indicator: digest(task.indicator),
      reports: digest(task.reports),
    };
    return PREFIX + TASK_SEED_FIELDS.map((f) => fields[f]).join('.');
  };
}

// `canonical`, without its key-sorting replacer for values that hold no object (most fields): same text, faster.
function canonicalOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
  return canonical(value);
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

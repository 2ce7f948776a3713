/** What a seed import did (or, with --dry-run, would do), as `da06 seed --json` prints it. */
export interface SeedOutcome {
  file: string;
  dryRun: boolean;
  seconds: number;
  province: string;
  counts: Record<SeedKind, KindCounts>;
  /** Each field that changed, with its old and new value as people read them. */
  updates: FieldUpdate[];
  /** Rows in the database that the file does not mention: kept, never deleted. */
  leftAlone: { kind: SeedKind; code: string }[];
  /** Changes in the file that were not made, and why. */
  notApplied: { kind: SeedKind; code: string; field: string; reason: string }[];
  /** Set when the file changed the calendar: running tasks whose working-day timers were computed again. */
  recomputed?: { tasks: number; skipped: number; failed: string[] };
  /** Set when units ceased by now: the open tasks each passed (or, in a dry run, would pass) to its successor. */
  reorganised?: { unit: string; successor: string; tasks: string[] }[];
}

export type SeedKind = 'province' | 'units' | 'officials' | 'policies' | 'tasks';

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
  leftAlone: number;
}

export interface FieldUpdate {
  kind: SeedKind;
  code: string;
  field: string;
  from: string;
  to: string;
  /** The engine event that made the change, when it went through the task's machine. */
  via?: string;
}

/** An empty outcome to fill in. */
export function emptyOutcome(file: string, dryRun: boolean, province: string): SeedOutcome {
  const zero = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0, leftAlone: 0 });
  return {
    file,
    dryRun,
    seconds: 0,
    province,
    counts: { province: zero(), units: zero(), officials: zero(), policies: zero(), tasks: zero() },
    updates: [],
    leftAlone: [],
    notApplied: [],
  };
}

/** Records the field updates of one row and counts it as updated or unchanged. */
export function countRow(outcome: SeedOutcome, kind: SeedKind, updates: readonly FieldUpdate[]): void {
  if (updates.length === 0) outcome.counts[kind].unchanged += 1;
  else {
    outcome.counts[kind].updated += 1;
    outcome.updates.push(...updates);
  }
}

/** The field updates between `before` and `after`, each value shown as people read it (null: "(none)"). */
export function diffFields(
  kind: SeedKind,
  code: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldUpdate[] {
  const updates: FieldUpdate[] = [];
  for (const [field, value] of Object.entries(after)) {
    const old = before[field];
    if (canonical(old) !== canonical(value)) updates.push({ kind, code, field, from: display(old), to: display(value) });
  }
  return updates;
}

/** JSON with sorted keys, so two equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'null';
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (typeof value === 'object') return canonical(value);
  return String(value);
}

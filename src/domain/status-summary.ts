import { STATUS_CLASSES, statusClassAt, type StatusClass, type TaskHistory } from './status-class.js';

/** One task as the summary sees it. */
export interface SummaryTask {
  unitCode: string;
  unitName: string;
  history: TaskHistory;
}

/** Counts of tasks per status class, every class present (0 when none). */
export type StatusCounts = Record<StatusClass, number>;

/** A unit's line in the summary; `rank` is null for a unit without any non-cancelled task, or one that had ceased. */
export interface UnitSummary {
  code: string;
  name: string;
  byStatus: StatusCounts;
  total: number;
  onTimeRate: number | null;
  rank: number | null;
  /** Present (true) when the unit had ceased by the as-of date: shown with the tasks it kept, never ranked. */
  ceased?: true;
}

/** A unit the summary knows of: one that had ceased by the as-of date is listed only with tasks, and unranked. */
export interface SummaryUnit {
  code: string;
  name: string;
  ceased?: boolean;
}

/** The `summary` command's figures as of an instant. */
export interface StatusSummary {
  asOf: number;
  province: { byStatus: StatusCounts; total: number; onTimeRate: number | null };
  units: UnitSummary[];
}

/** A status count with every class at 0. */
export function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(STATUS_CLASSES.map((c) => [c, 0])) as StatusCounts;
}

/**
 * The on-time rate, a fraction in [0, 1]: tasks that are on time so far (Hoàn thành đúng hạn + Đang thực
 * hiện trong hạn) over all tasks not cancelled; null when every task is cancelled or there is none.
 */
export function onTimeRate(counts: StatusCounts): number | null {
  const considered = STATUS_CLASSES.reduce((sum, c) => (c === 'Đã hủy' ? sum : sum + counts[c]), 0);
  if (considered === 0) return null;
  return (counts['Hoàn thành đúng hạn'] + counts['Đang thực hiện trong hạn']) / considered;
}

/**
 * Counts the status classes per unit and for the province as of `asOf` (tasks created later are left out),
 * with each unit's on-time rate and rank: 1 is the best rate, equal rates share a rank (1, 1, 3), and
 * units with no rate are unranked. `units` lists units to show even without tasks (but a unit that had ceased
 * is shown only with tasks, and never ranked). Units come ranked first (best first), then unranked, each group by
 * code.
 */
export function summarizeStatuses(
  tasks: readonly SummaryTask[],
  asOf: number,
  units: readonly SummaryUnit[] = [],
): StatusSummary {
  const byUnit = new Map<string, { name: string; byStatus: StatusCounts; total: number }>();
  const ceased = new Set(units.filter((u) => u.ceased).map((u) => u.code));
  for (const unit of units) if (!unit.ceased) byUnit.set(unit.code, { name: unit.name, byStatus: emptyStatusCounts(), total: 0 });
  const province = emptyStatusCounts();
  let total = 0;
  for (const task of tasks) {
    const status = statusClassAt(task.history, asOf);
    if (status === null) continue;
    let unit = byUnit.get(task.unitCode);
    if (!unit) {
      unit = { name: task.unitName, byStatus: emptyStatusCounts(), total: 0 };
      byUnit.set(task.unitCode, unit);
    }
    unit.byStatus[status] += 1;
    unit.total += 1;
    province[status] += 1;
    total += 1;
  }

  const lines: UnitSummary[] = [...byUnit.entries()].map(([code, unit]) => ({
    code,
    name: unit.name,
    byStatus: unit.byStatus,
    total: unit.total,
    onTimeRate: onTimeRate(unit.byStatus),
    rank: null,
    ...(ceased.has(code) ? { ceased: true as const } : {}),
  }));
  const ranked = lines.filter((l) => !l.ceased);
  const rates = ranked.map((l) => l.onTimeRate).filter((r): r is number => r !== null);
  for (const line of ranked) {
    const rate = line.onTimeRate;
    if (rate !== null) line.rank = 1 + rates.filter((r) => r > rate).length;
  }
  lines.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareCodes(a.code, b.code));
  return { asOf, province: { byStatus: province, total, onTimeRate: onTimeRate(province) }, units: lines };
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The Government Office's status classes of a task, as a pure function of its history and an as-of
 * instant. A breach is never erased: a task once overdue stays "quá hạn" (in progress, then completed),
 * even if its deadline was extended afterwards.
 */

/** The status classes, in the order reports list them. */
export const STATUS_CLASSES = [
  'Đang thực hiện trong hạn',
  'Đang thực hiện quá hạn',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Đã hủy',
] as const;

/** One of the five status classes, spelled exactly as reports show it. */
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** A deadline in force from instant `at` on (null: no deadline, e.g. an ongoing task or a stopped clock). */
export interface DeadlineChange {
  at: number;
  deadline: number | null;
}

/** What classification needs to know about a task, all instants in epoch milliseconds. */
export interface TaskHistory {
  createdAt: number;
  /** Deadlines with the instant each took effect, oldest first; the first is the original deadline. */
  deadlineHistory: readonly DeadlineChange[];
  completedAt: number | null;
  cancelledAt: number | null;
  /** Instants at which the task was recorded overdue. */
  breaches: readonly number[];
}

/** The deadline in force at instant `t`: the latest change effective at or before `t` (the original before any). */
export function deadlineInForce(history: readonly DeadlineChange[], t: number): number | null {
  let current: DeadlineChange | undefined = history[0];
  for (const change of history) {
    if (change.at <= t && (current === undefined || change.at >= current.at)) current = change;
  }
  return current?.deadline ?? null;
}

/**
 * The status class of a task as of `asOf`, or null when the task did not exist yet. A task is "quá hạn"
 * when, at the instant looked at (`asOf`, or its completion), it was past the deadline then in force, or
 * when a breach was recorded at or before that instant. Cancellation wins over everything.
 */
export function statusClassAt(history: TaskHistory, asOf: number): StatusClass | null {
  if (history.createdAt > asOf) return null;
  if (history.cancelledAt !== null && history.cancelledAt <= asOf) return 'Đã hủy';
  const completed = history.completedAt !== null && history.completedAt <= asOf;
  const lookedAt = completed ? (history.completedAt as number) : asOf;
  const late = wasOverdueBy(history, lookedAt);
  if (completed) return late ? 'Hoàn thành quá hạn' : 'Hoàn thành đúng hạn';
  return late ? 'Đang thực hiện quá hạn' : 'Đang thực hiện trong hạn';
}

function wasOverdueBy(history: TaskHistory, t: number): boolean {
  if (history.breaches.some((breach) => breach <= t)) return true;
  const deadline = deadlineInForce(history.deadlineHistory, t);
  return deadline !== null && t > deadline;
}

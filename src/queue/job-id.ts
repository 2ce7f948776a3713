// BullMQ job ids may not contain ':' (its key separator) and must not be plain integers.

function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * The id of the wake-up job of an instant: one delayed job per distinct `fireAt`, shared by every Timer row due
 * then (a storm of 20,000 deadlines at midnight is one job, not 20,000). Rows written before wake-ups were
 * shared keep their own ids (`t<task>-<send id>-v<version>`); their jobs sweep the same way.
 */
export function wakeUpJobId(fireAt: Date | number): string {
  return `w${Number(fireAt)}`;
}

/** The id of the k-th helper of a wake-up job: another lane (or another worker) sweeping the same storm. */
export function helperJobId(wakeUpId: string, k: number): string {
  return `${clean(wakeUpId)}-h${k}`;
}

/**
 * The id of a send job of one outbox row. Retries scheduled by the sender (`r`) and re-adds by reconcile (`a`)
 * use different ids: reconcile may already hold a job for the same attempt, delayed until a send lease ends,
 * and BullMQ would silently ignore a retry added under that id.
 */
export function mailJobId(notificationId: bigint | number | string, attempt = 0, source: 'a' | 'r' = 'a'): string {
  return attempt === 0 ? `n${notificationId}` : `n${notificationId}-${source}${attempt}`;
}

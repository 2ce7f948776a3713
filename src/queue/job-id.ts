// BullMQ job ids may not contain ':' (its key separator) and must not be plain integers.

function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** The id of the delayed job of one Timer row: the task, the machine's send id and the task version that set it. */
export function timerJobId(taskId: number, sendId: string, taskVersion: number): string {
  return `t${taskId}-${clean(sendId)}-v${taskVersion}`;
}

/**
 * The id of a send job of one outbox row. Retries scheduled by the sender (`r`) and re-adds by reconcile (`a`)
 * use different ids: reconcile may already hold a job for the same attempt, delayed until a send lease ends,
 * and BullMQ would silently ignore a retry added under that id.
 */
export function mailJobId(notificationId: bigint | number | string, attempt = 0, source: 'a' | 'r' = 'a'): string {
  return attempt === 0 ? `n${notificationId}` : `n${notificationId}-${source}${attempt}`;
}

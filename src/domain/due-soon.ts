import { subtractDuration, type Duration } from './duration.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * "Sắp đến hạn" (due soon): a task not past its deadline yet, but already inside its first reminder, i.e. at
 * or after the earliest instant `remindBefore` puts before the deadline (P7D and 1 working day: from 7 days
 * before). A task with no deadline ("Thường xuyên") or no reminders is never due soon. The caller leaves out
 * tasks that are completed, cancelled or waiting for confirmation.
 */
export function isDueSoon(calendar: WorkingCalendar, deadline: number | null, remindBefore: readonly Duration[], now: number): boolean {
  if (deadline === null || now > deadline || remindBefore.length === 0) return false;
  const firstReminder = Math.min(...remindBefore.map((d) => subtractDuration(calendar, deadline, d)));
  return now >= firstReminder;
}

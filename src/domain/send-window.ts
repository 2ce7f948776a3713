import type { WorkingCalendar } from './working-calendar.js';

/** Office hours in which email may leave: local `HH:mm` bounds, `from` included and `to` excluded. */
export interface SendWindowHours {
  from: string;
  to: string;
  workingDaysOnly: boolean;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Problems with a send window (bad times, `from` not before `to`), each saying what was expected. */
export function sendWindowErrors(window: SendWindowHours): string[] {
  const errors: string[] = [];
  for (const field of ['from', 'to'] as const) {
    if (typeof window[field] !== 'string' || !HH_MM.test(window[field])) {
      errors.push(`sendWindow.${field} is ${JSON.stringify(window[field])}: expected a local time HH:mm such as "07:30".`);
    }
  }
  if (errors.length === 0 && window.from >= window.to) {
    errors.push(`sendWindow.from (${window.from}) must be before sendWindow.to (${window.to}); windows across midnight are not supported.`);
  }
  return errors;
}

/**
 * `at` when it lies inside the send window, otherwise the next instant the window opens (skipping days off
 * when `workingDaysOnly`); throws when the window is invalid (see `sendWindowErrors`).
 */
export function nextSendOpening(calendar: WorkingCalendar, window: SendWindowHours, at: number): number {
  const errors = sendWindowErrors(window);
  if (errors.length > 0) throw new RangeError(errors.join(' '));
  const eligible = (date: string): boolean => !window.workingDaysOnly || calendar.isWorkingDate(date);
  const today = calendar.localDate(at);
  if (eligible(today)) {
    const opens = calendar.atLocalTime(today, window.from);
    if (at < opens) return opens;
    if (at < calendar.atLocalTime(today, window.to)) return at;
  }
  const next = window.workingDaysOnly ? calendar.nextWorkingDay(today) : nextDate(calendar, today);
  return calendar.atLocalTime(next, window.from);
}

function nextDate(calendar: WorkingCalendar, date: string): string {
  // Noon is safely inside the day whatever the zone's DST rules, so a day later is the next date.
  return calendar.localDate(calendar.atLocalTime(date, '12:00') + 86_400_000);
}

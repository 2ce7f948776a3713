/** Whether an announced day is taken off or worked. */
export type CalendarDayKind = 'dayOff' | 'makeUpWorkingDay';

/** A day an announcement sets apart from the ordinary week (a weekday off, a Saturday worked), with that announcement. */
export interface CalendarDay {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  kind: CalendarDayKind;
  name: string;
  /** The document that announced the day: number, issuer, date. */
  source: string;
}

import { formatDayNumber, isWeekend } from './civil-date.js';
import type { WorkingCalendar } from './working-calendar.js';

/** One listed day: its date, name and source. */
export interface ListedDay {
  date: string;
  name: string;
  source: string;
}

/** A year of the province's calendar as `da06 calendar YEAR --json` prints it. */
export interface CalendarYearListing {
  year: number;
  provisional: boolean;
  daysOff: ListedDay[];
  makeUpWorkingDays: ListedDay[];
}

/**
 * The weekdays off and the make-up working days of a year, oldest first. Saturdays and Sundays inside a break
 * are left out: they are off anyway, and what a user counts on is which weekdays are not worked.
 */
export function listCalendarYear(calendar: WorkingCalendar, year: number): CalendarYearListing {
  const holidays = calendar.holidays(year);
  const listed = (entries: Iterable<[number, { name: string; source: string }]>): ListedDay[] =>
    [...entries].sort(([a], [b]) => a - b).map(([d, note]) => ({ date: formatDayNumber(d), name: note.name, source: note.source }));
  return {
    year,
    provisional: holidays.provisional,
    daysOff: listed([...holidays.daysOff].filter(([d]) => !isWeekend(d))),
    makeUpWorkingDays: listed(holidays.makeUpWorkingDays),
  };
}

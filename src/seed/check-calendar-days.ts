import { z } from 'zod';
import type { CalendarDay, CalendarDayKind } from '../domain/calendar-day.js';
import { parseDateString, partsOfDayNumber, weekdayOf } from '../domain/civil-date.js';
import type { WorkingCalendar } from '../domain/working-calendar.js';
import type { ProblemCollector } from './problem-collector.js';
import { formatPath, show } from './seed-issues.js';
import { dateInputText } from './seed-instant.js';
import { headerText } from './seed-schema.js';

type Path = readonly (string | number)[];

/** An announced day as a calendar file or the seed's `calendar:` block writes it. */
export const announcedDaySchema = z.strictObject({
  date: z.union([z.string(), z.date()], { error: 'expected a date written YYYY-MM-DD, such as 2027-02-08' }),
  name: headerText,
  source: headerText.optional(),
});

/** One day to check: where it is written, whether it is off or worked, and its source when it is announced. */
export interface DayEntry {
  path: Path;
  kind: CalendarDayKind;
  date: string | Date;
  /** Absent for the seed's plain dates, which carry no source and are not checked against the week. */
  announced?: { name: string; source: string | undefined };
}

export interface CheckDaysOptions {
  /** The province's calendar before the change: a weekend day already off is refused, a make-up Saturday may be given off. */
  calendar: WorkingCalendar;
  /** When set, every date must lie in this year. */
  year?: number;
  /** The source of a day that names none (a calendar file's top-level `source`). */
  defaultSource?: string;
  /** Where the source can be written, for the message when it is missing. */
  sourceHint: string;
}

/** The checked days: the announced ones with their sources, and the seed's plain dates by kind. */
export interface CheckedDays {
  announced: CalendarDay[];
  plain: Record<CalendarDayKind, string[]>;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LIST_OF: Record<CalendarDayKind, string> = { dayOff: 'days off', makeUpWorkingDay: 'make-up working days' };

/**
 * Checks a set of days off and make-up working days as a whole, recording each problem with the field and value
 * it concerns: impossible dates, dates outside the file's year, a date listed twice or both off and worked, a
 * weekend day given off that is off already, a make-up day that is not a Saturday, an announced day without a
 * source. Returns the days that passed.
 */
export function checkCalendarDays(entries: readonly DayEntry[], problems: ProblemCollector, options: CheckDaysOptions): CheckedDays {
  const checked: CheckedDays = { announced: [], plain: { dayOff: [], makeUpWorkingDay: [] } };
  const seen = new Map<string, DayEntry>();
  for (const entry of entries) {
    const datePath = entry.announced ? [...entry.path, 'date'] : entry.path;
    const text = dateInputText(entry.date);
    const day = parseDateString(text);
    if (day === null) {
      problems.add(datePath, `is ${show(text)}: not a real date; expected YYYY-MM-DD, such as 2027-02-08`);
      continue;
    }
    const earlier = seen.get(text);
    if (earlier) {
      problems.add(
        datePath,
        earlier.kind === entry.kind
          ? `${text} is listed twice (also at ${formatPath(earlier.path)}); list each day once`
          : `${text} is also a ${earlier.kind === 'dayOff' ? 'day off' : 'make-up working day'} (${formatPath(earlier.path)}); a day is either off or worked — keep it in one list`,
      );
      continue;
    }
    seen.set(text, entry);
    const year = partsOfDayNumber(day).year;
    if (options.year !== undefined && year !== options.year) {
      problems.add(datePath, `${text} is in ${year}, not in the file's year ${options.year}; load each year's schedule in a file of its own`);
      continue;
    }
    if (!entry.announced) {
      checked.plain[entry.kind].push(text);
      continue;
    }
    const weekday = weekdayOf(day);
    const isMakeUpNow = options.calendar.holidays(year).makeUpWorkingDays.has(day);
    if (entry.kind === 'dayOff' && (weekday === 0 || weekday === 6) && !isMakeUpNow) {
      problems.add(datePath, `${text} is a ${WEEKDAYS[weekday]}, which is off already; list among the ${LIST_OF.dayOff} only the weekdays given off`);
      continue;
    }
    if (entry.kind === 'makeUpWorkingDay' && weekday !== 6) {
      problems.add(datePath, `${text} is a ${WEEKDAYS[weekday]}; a make-up working day is a Saturday worked in exchange for a weekday off`);
      continue;
    }
    const source = entry.announced.source?.trim() || options.defaultSource?.trim();
    if (!source) {
      problems.add([...entry.path, 'source'], `is missing for ${text}; name the document that announced the day (number, issuer, date), ${options.sourceHint}`);
      continue;
    }
    checked.announced.push({ date: text, kind: entry.kind, name: entry.announced.name.trim(), source });
  }
  return checked;
}

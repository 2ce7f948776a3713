import { parseDateString, weekdayOf } from '../../domain/civil-date.js';
import { listCalendarYear, type CalendarYearListing, type ListedDay } from '../../domain/calendar-year.js';
import { provinceCalendar } from '../../engine/province/province-calendar.js';
import { InputError } from '../../errors.js';
import { printJson, withEngine } from '../with-engine.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `da06 calendar YEAR [--json]`: the province's days off and make-up working days of a year, each with its source. */
export async function runCalendarShow(yearText: string, options: { json?: boolean }): Promise<void> {
  const year = parseYear(yearText);
  await withEngine(async (engine) => {
    const { calendar, provinceName } = await provinceCalendar(engine.prisma);
    const listing = listCalendarYear(calendar, year);
    if (options.json) printJson(listing);
    else process.stdout.write(renderCalendarYear(listing, provinceName));
  });
}

/** A YEAR argument as a number, or an `InputError` naming the value and the expected form. */
export function parseYear(text: string): number {
  const year = /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(year >= 1900 && year <= 2200)) throw new InputError(`YEAR "${text}" is not a year: expected four digits between 1900 and 2200, such as 2026.`);
  return year;
}

/** The year as people read it: whether it is confirmed, then its weekdays off and make-up Saturdays with their sources. */
export function renderCalendarYear(listing: CalendarYearListing, provinceName: string | null): string {
  const { year } = listing;
  const lines = [`Days off and make-up working days of ${year}${provinceName ? ` — ${provinceName}` : ''}`];
  lines.push(
    listing.provisional
      ? `PROVISIONAL: the days off of ${year} are not announced yet; working days are counted from the Labour Code's fixed holidays (Bộ luật Lao động 2019, Điều 112) only. When the schedule is announced, load it with \`da06 calendar load FILE\`.`
      : 'Confirmed: every day below is taken from the document named after it.',
  );
  const section = (title: string, days: ListedDay[]) => {
    lines.push('', title);
    if (days.length === 0) lines.push('  (none)');
    for (const d of days) lines.push(`  ${WEEKDAYS[weekdayOf(parseDateString(d.date) as number)]} ${d.date}  ${d.name} — ${d.source}`);
  };
  section('Weekdays off:', listing.daysOff);
  section('Make-up working days (Saturdays worked):', listing.makeUpWorkingDays);
  return `${lines.join('\n')}\n`;
}

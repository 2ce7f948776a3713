import { dayNumberOf, daysInMonth, formatDayNumber } from './civil-date.js';
import type { WorkingCalendar } from './working-calendar.js';
import { foldVietnamese } from './fold-vietnamese.js';

/**
 * A task's deadline: an instant, or none for an ongoing task (nhiệm vụ thường xuyên). `text` keeps what
 * the seed file said; `movedFrom` is the date it named when that date was a day off and the deadline
 * moved to the end of the next working day.
 */
export type Deadline =
  | { kind: 'instant'; at: number; text: string; movedFrom?: string }
  | { kind: 'ongoing'; text: string };

const EXPECTED =
  'expected an ISO date-time with offset (2024-06-30T17:00:00+07:00), a date (2024-06-30 or 30/06/2024), ' +
  'a month (Tháng 6/2024), a quarter (Quý II/2024), a year (Năm 2024) or "Thường xuyên"';

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(?:ngay )?(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const MONTH = /^thang (\d{1,2}) ?(?:\/|-|nam) ?(\d{4})$/;
const QUARTER = /^quy ([ivx]+|\d) ?(?:\/|-|nam) ?(\d{4})$/;
const YEAR = /^nam (\d{4})$/;
const ONGOING = /^thuong xuyen$/;
const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * Reads a deadline as written in a seed file: an ISO date-time is taken exactly (without an offset, as
 * wall-clock time in the calendar's zone); a date, month, quarter or year ends at 23:59:59.999 local on
 * its last day, moved to the end of the next working day when that day is off (Bộ luật Dân sự, Điều 148);
 * "Thường xuyên" is ongoing. Returns the deadline, or an error string saying what was expected.
 */
export function parseDeadline(text: string, calendar: WorkingCalendar): Deadline | string {
  if (typeof text !== 'string') return `${JSON.stringify(text) ?? String(text)} is not a deadline: ${EXPECTED}.`;
  const written = text.trim();
  const iso = ISO_DATE_TIME.exec(written);
  if (iso) return parseIsoDateTime(written, iso, calendar);

  const plain = foldVietnamese(written);
  let m: RegExpExecArray | null;
  if ((m = ISO_DATE.exec(plain))) return endOfDay(written, Number(m[1]), Number(m[2]), Number(m[3]), calendar);
  if ((m = VN_DATE.exec(plain))) return endOfDay(written, Number(m[3]), Number(m[2]), Number(m[1]), calendar);
  if ((m = MONTH.exec(plain))) {
    const year = Number(m[2]);
    const month = Number(m[1]);
    if (month < 1 || month > 12) return `"${written}" names month ${month}: a month is 1 to 12.`;
    return endOfDay(written, year, month, daysInMonth(year, month), calendar);
  }
  if ((m = QUARTER.exec(plain))) {
    const quarter = QUARTERS[m[1] ?? ''];
    if (quarter === undefined) return `"${written}" names quarter ${m[1]?.toUpperCase()}: a quarter is I, II, III or IV (or 1–4).`;
    const year = Number(m[2]);
    return endOfDay(written, year, quarter * 3, daysInMonth(year, quarter * 3), calendar);
  }
  if ((m = YEAR.exec(plain))) return endOfDay(written, Number(m[1]), 12, 31, calendar);
  if (ONGOING.test(plain)) return { kind: 'ongoing', text: written };
  return `"${written}" is not a deadline: ${EXPECTED}.`;
}

function parseIsoDateTime(written: string, m: RegExpExecArray, calendar: WorkingCalendar): Deadline | string {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const dayNumber = dayNumberOf(year, month, day);
  if (dayNumber === null) return `"${written}" names a day that does not exist: ${EXPECTED}.`;
  if (hour > 23 || minute > 59 || second > 59) return `"${written}" names a time that does not exist: ${EXPECTED}.`;
  const zone = m[8];
  if (zone === undefined) {
    const time = `${m[4]}:${m[5]}:${m[6] ?? '00'}`;
    return { kind: 'instant', at: calendar.atLocalTime(formatDayNumber(dayNumber), time) + ms, text: written };
  }
  let offsetMs = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMinutes = Number(digits.slice(2));
    if (offsetHours > 14 || offsetMinutes > 59) return `"${written}" has an offset that does not exist: ${EXPECTED}.`;
    offsetMs = sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  const at = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs;
  return { kind: 'instant', at, text: written };
}

function endOfDay(written: string, year: number, month: number, day: number, calendar: WorkingCalendar): Deadline | string {
  const dayNumber = dayNumberOf(year, month, day);
  if (dayNumber === null) return `"${written}" names a day that does not exist: ${EXPECTED}.`;
  const date = formatDayNumber(dayNumber);
  if (calendar.isWorkingDate(date)) return { kind: 'instant', at: calendar.endOfLocalDay(date), text: written };
  return { kind: 'instant', at: calendar.endOfLocalDay(calendar.nextWorkingDay(date)), text: written, movedFrom: date };
}

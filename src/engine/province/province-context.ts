import { createHash } from 'node:crypto';
import type { CalendarDay } from '../../domain/calendar-day.js';
import { createWorkingCalendar, type WorkingCalendar } from '../../domain/working-calendar.js';
import type { db } from '../../db/prisma.js';
import { PROVINCE_ROW } from '../../db/province-row.js';
import { createTaskMachine, type TaskMachine } from '../../../workflows/task-machine.js';
import { readCalendarDays } from './calendar-days.js';

type Tx = db.Prisma.TransactionClient;

/** The province as the engine needs it for one transaction: its calendar, machine and chairman. */
export interface ProvinceContext {
  name: string;
  timeZone: string;
  standingAgencyCode: string | null;
  calendar: WorkingCalendar;
  machine: TaskMachine;
}

interface ProvinceRow {
  name: string;
  timeZone: string;
  standingAgencyCode: string | null;
  extraHolidays: string[];
  workingDays: string[];
  /** A digest of every CalendarDay row: the announced days change, the digest changes. */
  calendarDays: string | null;
}

const cache = new Map<string, { calendar: WorkingCalendar; machine: TaskMachine }>();
// A calendar is rebuilt only when the province's days change; a handful of versions is plenty to keep.
const CACHE_LIMIT = 16;

/**
 * Reads the province row and a digest of its announced days (CalendarDay) through `tx`, in one round trip, and
 * returns its calendar and task machine, built once per calendar: a `calendar load` or a seed changes the digest,
 * and the next transaction of any process builds the new calendar (reading the rows only then).
 */
export async function loadProvinceContext(tx: Tx): Promise<ProvinceContext> {
  const province = await findProvinceContext(tx);
  if (!province) throw new Error('The database has no province yet: load a seed file first with `da06 seed FILE`.');
  return province;
}

/** `loadProvinceContext`, or null while the database has no province (before the first seed). */
export async function findProvinceContext(tx: Tx): Promise<ProvinceContext | null> {
  const [province] = await tx.$queryRaw<ProvinceRow[]>`
    SELECT p.name, p."timeZone", p."standingAgencyCode", p."extraHolidays", p."workingDays",
           (SELECT md5(string_agg(d.date || '|' || d.kind || '|' || d.name || '|' || d.source, E'\n' ORDER BY d.date)) FROM "CalendarDay" d) AS "calendarDays"
    FROM "Province" p WHERE p.id = ${PROVINCE_ROW.id}`;
  if (!province) return null;
  const keyOf = (digest: string | null) => JSON.stringify([province.timeZone, province.extraHolidays, province.workingDays, digest]);
  let built = cache.get(keyOf(province.calendarDays));
  if (!built) {
    const days = province.calendarDays === null ? [] : await readCalendarDays(tx);
    const calendar = createWorkingCalendar({
      timeZone: province.timeZone,
      extraHolidays: province.extraHolidays,
      workingDays: province.workingDays,
      announcedDays: days,
    });
    built = { calendar, machine: createTaskMachine(calendar) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    // Keyed by the rows as read, not by the digest read a statement earlier: a load committed in between must
    // not leave its days under the old digest.
    cache.set(keyOf(digestOf(days)), built);
  }
  return {
    name: province.name,
    timeZone: province.timeZone,
    standingAgencyCode: province.standingAgencyCode,
    ...built,
  };
}

/** The digest the query above computes in SQL, of rows ordered by date. */
function digestOf(days: readonly CalendarDay[]): string | null {
  if (days.length === 0) return null;
  return createHash('md5')
    .update(days.map((d) => `${d.date}|${d.kind}|${d.name}|${d.source}`).join('\n'))
    .digest('hex');
}

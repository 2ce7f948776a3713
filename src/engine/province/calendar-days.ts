import type { CalendarDay } from '../../domain/calendar-day.js';
import type { db } from '../../db/prisma.js';

type Tx = db.Prisma.TransactionClient;

/** A day whose row is created (no `before`) or changed. */
export interface CalendarDayChange {
  before: CalendarDay | null;
  after: CalendarDay;
}

/** Every announced day loaded for the province, oldest first. */
export async function readCalendarDays(tx: Tx): Promise<CalendarDay[]> {
  const rows = await tx.calendarDay.findMany({ orderBy: { date: 'asc' }, select: { date: true, kind: true, name: true, source: true } });
  return rows;
}

/**
 * The announced days that differ from their rows: a new date, or a date whose kind, name or source changed. An
 * identical day is left out, so writing moves nothing (and the engine's calendar cache stays valid).
 */
export async function changedCalendarDays(tx: Tx, days: readonly CalendarDay[]): Promise<CalendarDayChange[]> {
  const existing = new Map(
    (await tx.calendarDay.findMany({ where: { date: { in: days.map((d) => d.date) } }, select: { date: true, kind: true, name: true, source: true } })).map((r) => [r.date, r]),
  );
  return days.flatMap((day) => {
    const before = existing.get(day.date) ?? null;
    const same = before !== null && before.kind === day.kind && before.name === day.name && before.source === day.source;
    return same ? [] : [{ before, after: day }];
  });
}

/** Writes the changes `changedCalendarDays` found (upsert by date), inside the caller's transaction. */
export async function writeCalendarDays(tx: Tx, changes: readonly CalendarDayChange[]): Promise<void> {
  for (const { after } of changes) {
    const data = { kind: after.kind, name: after.name, source: after.source };
    await tx.calendarDay.upsert({ where: { date: after.date }, create: { date: after.date, ...data }, update: data });
  }
}

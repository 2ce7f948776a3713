import type { db } from '../../db/prisma.js';
import { createWorkingCalendar, type WorkingCalendar } from '../../domain/working-calendar.js';
import { readCalendarDays } from './calendar-days.js';
import { loadProvinceContext } from './province-context.js';
import { PROVINCE_ROW } from '../../db/province-row.js';

type Tx = db.Prisma.TransactionClient;

/**
 * The province's working-day calendar as it stands; before any seed (no province row yet), the schedules da06
 * ships plus the days loaded so far, in the default time zone, so a schedule can be loaded and shown first.
 */
export async function provinceCalendar(tx: Tx): Promise<{ calendar: WorkingCalendar; provinceName: string | null }> {
  if ((await tx.province.count({ where: PROVINCE_ROW })) > 0) {
    const province = await loadProvinceContext(tx);
    return { calendar: province.calendar, provinceName: province.name };
  }
  return { calendar: createWorkingCalendar({ announcedDays: await readCalendarDays(tx) }), provinceName: null };
}

import { createWorkingCalendar, type WorkingCalendar } from '../domain/working-calendar.js';
import type { db } from '../db/prisma.js';
import { createTaskMachine, type TaskMachine } from '../../workflows/task-machine.js';

type Tx = db.Prisma.TransactionClient;

/** The province as the engine needs it for one transaction: its calendar, machine and chairman. */
export interface ProvinceContext {
  name: string;
  timeZone: string;
  standingAgencyCode: string | null;
  calendar: WorkingCalendar;
  machine: TaskMachine;
}

const cache = new Map<string, { calendar: WorkingCalendar; machine: TaskMachine }>();

/** Reads the province row through `tx` and returns its calendar and task machine (built once per calendar). */
export async function loadProvinceContext(tx: Tx): Promise<ProvinceContext> {
  const province = await tx.province.findUnique({ where: { id: 1 } });
  if (!province) {
    throw new Error('The database has no province yet: load a seed file first with `da06 seed FILE`.');
  }
  const key = JSON.stringify([province.timeZone, province.extraHolidays, province.workingDays]);
  let built = cache.get(key);
  if (!built) {
    const calendar = createWorkingCalendar({
      timeZone: province.timeZone,
      extraHolidays: province.extraHolidays,
      workingDays: province.workingDays,
    });
    built = { calendar, machine: createTaskMachine(calendar) };
    cache.set(key, built);
  }
  return {
    name: province.name,
    timeZone: province.timeZone,
    standingAgencyCode: province.standingAgencyCode,
    ...built,
  };
}

import type { db } from '../db/prisma.js';
import { changedCalendarDays, writeCalendarDays, type CalendarDayChange } from '../engine/province/calendar-days.js';
import { runningTaskCodes } from '../engine/write/recompute-working-day-timers.js';
import { canonical, countRow, diffFields, type FieldUpdate, type SeedOutcome } from './seed-outcome.js';
import type { SeedPerson, ValidSeed } from './seed-types.js';
import { syncUnits } from './sync-units.js';
import { PROVINCE_ROW } from '../db/province-row.js';

type Tx = db.Prisma.TransactionClient;
type OfficialRow = { id: number; role: string; name: string; title: string | null; email: string; position: number };

/**
 * Brings the province (its calendar included), its chairman, the units with their officials and the policies in
 * line with the file, reporting every field it changes; rows the file does not mention are left alone. With
 * `dryRun` nothing is written. Runs before the tasks, which read the province and the units through the same
 * transaction. When the calendar changes, returns the tasks that were running under the old one: their
 * working-day timers are to be recomputed once the import has committed. `at` is the import instant (officials'
 * terms begin and end then unless the file says `since`).
 */
export async function syncReferenceData(tx: Tx, seed: ValidSeed, outcome: SeedOutcome, dryRun: boolean, at: number): Promise<{ recomputeTasks: string[] }> {
  const calendarChanged = await syncProvince(tx, seed, outcome, dryRun);
  const recomputeTasks = calendarChanged && !dryRun ? await runningTaskCodes(tx) : [];
  await syncUnits(tx, seed, outcome, dryRun, at);
  await syncPolicies(tx, seed, outcome, dryRun);
  return { recomputeTasks };
}

/** Syncs the province row and the seed's announced days; true when the calendar changed. */
async function syncProvince(tx: Tx, seed: ValidSeed, outcome: SeedOutcome, dryRun: boolean): Promise<boolean> {
  const wanted = {
    name: seed.province.name,
    timeZone: seed.province.timeZone,
    standingAgencyCode: seed.province.standingAgency,
    extraHolidays: seed.calendar.extraHolidays,
    workingDays: seed.calendar.workingDays,
  };
  const row = await tx.province.findUnique({ where: PROVINCE_ROW });
  const days = await changedCalendarDays(tx, seed.calendar.announced);
  let calendarChanged = days.length > 0;
  if (!row) {
    outcome.counts.province.created += 1;
    if (!dryRun) await tx.province.create({ data: { ...PROVINCE_ROW, ...wanted } });
  } else {
    const updates = diffFields('province', 'province', row, wanted);
    calendarChanged ||= updates.some((u) => u.field === 'extraHolidays' || u.field === 'workingDays');
    countRow(outcome, 'province', [...updates, ...days.map(calendarDayUpdate)]);
    if (updates.length && !dryRun) await tx.province.update({ where: PROVINCE_ROW, data: wanted });
  }
  if (!dryRun) await writeCalendarDays(tx, days);
  const chairman = await tx.official.findFirst({ where: { role: 'chairman' }, orderBy: { id: 'asc' } });
  await syncOfficial(tx, outcome, dryRun, 'chairman', chairman, seed.province.chairman, { role: 'chairman', unitId: null, position: 0 });
  // A first import has no running task to recompute: its tasks start with the new calendar.
  return calendarChanged && row !== null;
}

function calendarDayUpdate({ before, after }: CalendarDayChange): FieldUpdate {
  const shown = (d: CalendarDayChange['after']) => `${d.kind === 'dayOff' ? 'day off' : 'make-up working day'} "${d.name}" (${d.source})`;
  return { kind: 'province', code: 'calendar', field: after.date, from: before ? shown(before) : '(none)', to: shown(after) };
}

async function syncOfficial(
  tx: Tx,
  outcome: SeedOutcome,
  dryRun: boolean,
  label: string,
  row: OfficialRow | null,
  person: SeedPerson,
  placement: { role: 'chairman' | 'head' | 'contact'; unitId: number | null; position: number },
): Promise<void> {
  const wanted = { name: person.name, title: person.title, email: person.email };
  if (!row) {
    outcome.counts.officials.created += 1;
    if (!dryRun) await tx.official.create({ data: { ...wanted, ...placement } });
    return;
  }
  const updates = diffFields('officials', label, row, wanted);
  countRow(outcome, 'officials', updates);
  if (updates.length && !dryRun) await tx.official.update({ where: { id: row.id }, data: wanted });
}

async function syncPolicies(tx: Tx, seed: ValidSeed, outcome: SeedOutcome, dryRun: boolean): Promise<void> {
  const rows = await tx.policy.findMany();
  const byName = new Map(rows.map((r) => [r.name, r]));
  for (const row of rows) {
    if (!seed.policies.has(row.name)) {
      outcome.counts.policies.leftAlone += 1;
      outcome.leftAlone.push({ kind: 'policies', code: row.name });
    }
  }
  for (const [name, policy] of seed.policies) {
    const row = byName.get(name);
    const spec = policy as unknown as db.Prisma.InputJsonValue;
    if (!row) {
      outcome.counts.policies.created += 1;
      if (!dryRun) await tx.policy.create({ data: { name, spec } });
    } else if (canonical(row.spec) !== canonical(policy)) {
      countRow(outcome, 'policies', diffFields('policies', name, row.spec as Record<string, unknown>, policy as unknown as Record<string, unknown>));
      if (!dryRun) await tx.policy.update({ where: { name }, data: { spec } });
    } else countRow(outcome, 'policies', []);
  }
}

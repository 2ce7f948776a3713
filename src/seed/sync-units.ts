import type { db } from '../db/prisma.js';
import { formatDate } from '../domain/vietnamese-format.js';
import { SeedValidationError } from '../errors.js';
import { countRow, diffFields, type FieldUpdate, type SeedOutcome } from './seed-outcome.js';
import type { SeedUnit, ValidSeed } from './seed-types.js';
import { syncUnitOfficials, type OfficialSyncContext } from './sync-officials.js';

type Tx = db.Prisma.TransactionClient;
type UnitRow = db.Prisma.UnitGetPayload<{ include: { officials: true } }>;

/**
 * Brings the units in line with the file — name, kind, parent, the day each came into being and its dissolution
 * (written here, carried out by `applyDueReorganisation` on its day) — and their officials by terms
 * (`syncUnitOfficials`). Units the file does not name are left alone. A dissolution already carried out (its tasks
 * have passed) cannot be undone or changed: such a file is refused whole, as are terms that do not follow each other.
 */
export async function syncUnits(tx: Tx, seed: ValidSeed, outcome: SeedOutcome, dryRun: boolean, at: number): Promise<void> {
  const rows = await tx.unit.findMany({ include: { officials: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } } });
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const named = new Set(seed.units.map((u) => u.code));
  for (const row of rows) {
    if (!named.has(row.code)) {
      outcome.counts.units.leftAlone += 1;
      outcome.leftAlone.push({ kind: 'units', code: row.code });
    }
  }
  const timeZone = seed.province.timeZone;
  const officials: OfficialSyncContext = { tx, outcome, dryRun, at, timeZone, problems: [] };
  for (const [index, unit] of seed.units.entries()) {
    const wanted = { name: unit.name, kind: unit.kind, parentCode: unit.parent };
    const life = lifeOf(unit);
    const row = byCode.get(unit.code);
    let unitId = row?.id ?? -1;
    if (!row) {
      outcome.counts.units.created += 1;
      if (!dryRun) unitId = (await tx.unit.create({ data: { code: unit.code, ...wanted, ...life } })).id;
    } else {
      const carriedOut = carriedOutChange(row, unit, index, timeZone);
      if (carriedOut) officials.problems.push(carriedOut);
      const updates = [...diffFields('units', unit.code, row, wanted), ...lifeUpdates(row, unit, timeZone)];
      countRow(outcome, 'units', updates);
      if (updates.length && !dryRun) await tx.unit.update({ where: { id: row.id }, data: { ...wanted, ...life } });
    }
    await syncUnitOfficials(officials, unit, index, unitId, row?.officials ?? [], !row);
  }
  if (officials.problems.length) throw new SeedValidationError(outcome.file, officials.problems);
}

function lifeOf(unit: SeedUnit) {
  const d = unit.dissolved;
  return {
    validFrom: unit.validFrom === null ? null : new Date(unit.validFrom),
    dissolvedOn: d ? new Date(d.on) : null,
    successorCode: d?.successor ?? null,
    dissolutionDocument: d?.document ?? null,
  };
}

/** The dissolution as people read it: `01/07/2025 → SKHCN (Nghị quyết số 202/2025/QH15)`, or null. */
function shownDissolution(on: number | null, successor: string | null, document: string | null, timeZone: string): string | null {
  if (on === null) return null;
  return `${formatDate(on, timeZone)} → ${successor ?? '?'}${document ? ` (${document})` : ''}`;
}

function lifeUpdates(row: UnitRow, unit: SeedUnit, timeZone: string): FieldUpdate[] {
  const day = (at: number | null) => (at === null ? null : formatDate(at, timeZone));
  const d = unit.dissolved;
  return diffFields(
    'units',
    unit.code,
    {
      validFrom: day(row.validFrom?.getTime() ?? null),
      dissolved: shownDissolution(row.dissolvedOn?.getTime() ?? null, row.successorCode, row.dissolutionDocument, timeZone),
    },
    { validFrom: day(unit.validFrom), dissolved: d ? shownDissolution(d.on, d.successor, d.document, timeZone) : null },
  );
}

/** Why the file cannot change a dissolution already carried out, or null when it does not try. */
function carriedOutChange(row: UnitRow, unit: SeedUnit, index: number, timeZone: string): string | null {
  if (row.tasksPassedAt === null || row.dissolvedOn === null) return null;
  const d = unit.dissolved;
  if (d && d.on === row.dissolvedOn.getTime() && d.successor === row.successorCode) return null;
  const was = `${unit.code} ceased on ${formatDate(row.dissolvedOn.getTime(), timeZone)} and its open tasks passed to ${row.successorCode ?? '?'} on ${formatDate(row.tasksPassedAt.getTime(), timeZone)}`;
  const wrote = d ? `the file says ${shownDissolution(d.on, d.successor, d.document, timeZone) ?? ''}` : 'the file no longer says so';
  return `units[${index}].dissolved: ${was}; ${wrote}. A dissolution carried out cannot be undone or moved: keep its dissolved: block as it was (on: ${formatDate(row.dissolvedOn.getTime(), timeZone)}, successor: ${row.successorCode ?? '?'}), or leave the unit out of the file`;
}

import type { db } from '../db/prisma.js';
import { formatDate } from '../domain/vietnamese-format.js';
import { countRow, diffFields, type FieldUpdate, type SeedOutcome } from './seed-outcome.js';
import type { SeedOfficial, SeedUnit } from './seed-types.js';

type Tx = db.Prisma.TransactionClient;

/** An Official row as the unit sync reads it. */
export type TermRow = {
  id: number;
  role: string;
  name: string;
  title: string | null;
  email: string;
  position: number;
  termStart: Date | null;
  termEnd: Date | null;
};

export interface OfficialSyncContext {
  tx: Tx;
  outcome: SeedOutcome;
  dryRun: boolean;
  /** The import instant: a new holder named without `since` takes the post then. */
  at: number;
  timeZone: string;
  /** Problems a file can fix, collected for the whole import (`units[1].head.since: …`). */
  problems: string[];
}

const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const startOf = (row: TermRow): number => row.termStart?.getTime() ?? -Infinity;

/**
 * Brings a unit's head and contacts in line with the file, by terms: the same person (the same e-mail) is updated
 * in place; another person named as head starts a term (`since`, or now) that ends the last head's; a contact the
 * file adds starts one, a contact it no longer lists has theirs ended now. Ended rows stay, with their names, so
 * the record keeps the officials of the time. Every change that moves who holds a post sets `readdressAt`, the
 * instant from which the post's unsent notices are to be addressed again (`applyDueReorganisation`). A unit new in
 * this import gets its officials with no term start (they hold the post as da06 first learns of it). The officials
 * of a unit that has ceased are kept as they were.
 */
export async function syncUnitOfficials(ctx: OfficialSyncContext, unit: SeedUnit, index: number, unitId: number, rows: readonly TermRow[], isNew: boolean): Promise<void> {
  const { outcome, at } = ctx;
  if (unit.dissolved && unit.dissolved.on <= at && !isNew) {
    const latest = latestHead(rows);
    if (latest && !sameEmail(latest.email, unit.head.email)) {
      outcome.notApplied.push({ kind: 'officials', code: `${unit.code} head`, field: 'email', reason: `the unit ceased on ${unit.dissolved.onText}; its officials are kept as they were` });
    }
    outcome.counts.officials.unchanged += 1 + unit.contacts.length;
    return;
  }
  await syncHead(ctx, unit, index, unitId, rows, isNew);
  await syncContacts(ctx, unit, unitId, rows, isNew);
}

function latestHead(rows: readonly TermRow[]): TermRow | undefined {
  return rows.filter((r) => r.role === 'head').sort((a, b) => startOf(a) - startOf(b) || a.id - b.id).at(-1);
}

function personFields(person: SeedOfficial) {
  return { name: person.name, title: person.title, email: person.email };
}

async function syncHead(ctx: OfficialSyncContext, unit: SeedUnit, index: number, unitId: number, rows: readonly TermRow[], isNew: boolean): Promise<void> {
  const { tx, outcome, dryRun, at, timeZone } = ctx;
  const label = `${unit.code} head`;
  const person = unit.head;
  const latest = latestHead(rows);
  const show = (t: number | null) => (t === null ? '(none)' : formatDate(t, timeZone));
  if (!latest) {
    outcome.counts.officials.created += 1;
    const termStart = person.since ?? (isNew ? null : at);
    if (!dryRun) await tx.official.create({ data: { ...personFields(person), role: 'head', unitId, position: 0, termStart: date(termStart), readdressAt: isNew ? null : date(termStart ?? at) } });
    return;
  }
  const updates: FieldUpdate[] = diffFields('officials', label, latest, personFields(person));
  const sinceChanged = person.since !== null && person.since !== latest.termStart?.getTime();
  if (sameEmail(latest.email, person.email)) {
    if (sinceChanged) updates.push({ kind: 'officials', code: label, field: 'since', from: show(latest.termStart?.getTime() ?? null), to: show(person.since) });
    countRow(outcome, 'officials', updates);
    if (updates.length && !dryRun) {
      await tx.official.update({ where: { id: latest.id }, data: { ...personFields(person), ...(sinceChanged ? { termStart: date(person.since) } : {}) } });
    }
    return;
  }
  // Another person: a new term, which ends the last head's.
  const start = person.since ?? at;
  if (start <= startOf(latest)) {
    ctx.problems.push(
      `units[${index}].head${person.since === null ? '' : '.since'}: the new head ${person.name}'s term would begin on ${show(start)}, not after the term of ${latest.name} (${latest.email}), which began on ${show(startOf(latest))}; write since: a day after that`,
    );
    return;
  }
  if (person.since !== null) updates.push({ kind: 'officials', code: label, field: 'since', from: show(latest.termStart?.getTime() ?? null), to: show(start) });
  countRow(outcome, 'officials', updates);
  if (dryRun) return;
  const end = latest.termEnd === null ? start : Math.min(latest.termEnd.getTime(), start);
  await tx.official.update({ where: { id: latest.id }, data: { termEnd: new Date(end) } });
  await tx.official.create({ data: { ...personFields(person), role: 'head', unitId, position: 0, termStart: new Date(start), readdressAt: new Date(start) } });
}

async function syncContacts(ctx: OfficialSyncContext, unit: SeedUnit, unitId: number, rows: readonly TermRow[], isNew: boolean): Promise<void> {
  const { tx, outcome, dryRun, at, timeZone } = ctx;
  const open = rows.filter((r) => r.role === 'contact' && (r.termEnd === null || r.termEnd.getTime() > at));
  const matched = new Set<number>();
  for (const [position, person] of unit.contacts.entries()) {
    const row = open.find((r) => !matched.has(r.id) && sameEmail(r.email, person.email));
    if (!row) {
      outcome.counts.officials.created += 1;
      const termStart = person.since ?? (isNew ? null : at);
      if (!dryRun) await tx.official.create({ data: { ...personFields(person), role: 'contact', unitId, position, termStart: date(termStart), readdressAt: isNew ? null : date(termStart ?? at) } });
      continue;
    }
    matched.add(row.id);
    const updates = diffFields('officials', `${unit.code} contact ${position + 1}`, row, personFields(person));
    const sinceChanged = person.since !== null && person.since !== row.termStart?.getTime();
    if (sinceChanged) updates.push({ kind: 'officials', code: `${unit.code} contact ${position + 1}`, field: 'since', from: row.termStart ? formatDate(row.termStart.getTime(), timeZone) : '(none)', to: formatDate(person.since as number, timeZone) });
    countRow(outcome, 'officials', updates);
    if ((updates.length || row.position !== position) && !dryRun) {
      await tx.official.update({ where: { id: row.id }, data: { ...personFields(person), position, ...(sinceChanged ? { termStart: date(person.since) } : {}) } });
    }
  }
  for (const row of open.filter((r) => !matched.has(r.id))) {
    // No longer listed: the contact's term ends now (the row stays, for the record).
    countRow(outcome, 'officials', [{ kind: 'officials', code: `${unit.code} contact ${row.email}`, field: 'term', from: 'holds the post', to: `ended ${formatDate(at, timeZone)}` }]);
    if (!dryRun) await tx.official.update({ where: { id: row.id }, data: { termEnd: new Date(at), readdressAt: new Date(at) } });
  }
}

const date = (at: number | null): Date | null => (at === null ? null : new Date(at));

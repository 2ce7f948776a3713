import type { WorkingCalendar } from '../domain/working-calendar.js';
import type { ProblemCollector } from './problem-collector.js';
import { dateInputText, parseInstant } from './seed-instant.js';
import { unitSchema, type RawUnit } from './seed-schema.js';
import type { SeedOfficial, SeedUnit } from './seed-types.js';

/** A reference list for messages: `STTTT, SYT, CA, …` (the first dozen codes). */
export function knownList(codes: readonly string[]): string {
  if (codes.length === 0) return '(none defined)';
  return codes.length > 12 ? `${codes.slice(0, 12).join(', ')}, … (${codes.length} in all)` : codes.join(', ');
}

/**
 * Checks the `units` section: each unit's shape, unique codes, parents that exist and form no cycle, and reads its
 * dates (`validFrom`, `dissolved.on`, the officials' `since`) as the start of that day in the calendar's zone.
 * `validateReorganisation` checks how the units' lives fit together.
 */
export function validateUnits(raw: readonly unknown[], problems: ProblemCollector, calendar: WorkingCalendar): SeedUnit[] {
  const units: SeedUnit[] = [];
  const firstIndex = new Map<string, number>();
  const parentPaths = new Map<string, number>();
  const broken: { code: string; parent: string | null }[] = [];
  raw.forEach((value, i) => {
    const parsed = problems.parse(unitSchema, value, ['units', i]);
    if (parsed === null) {
      // Keep its parent link, so a cycle through a malformed unit is still found.
      const raw = (value ?? {}) as { code?: unknown; parent?: unknown };
      if (typeof raw.code === 'string' && typeof raw.parent === 'string' && !firstIndex.has(raw.code)) {
        firstIndex.set(raw.code, i);
        parentPaths.set(raw.code, i);
        broken.push({ code: raw.code, parent: raw.parent });
      }
      return;
    }
    const seen = firstIndex.get(parsed.code);
    if (seen !== undefined) {
      problems.add(['units', i, 'code'], `"${parsed.code}" is already the code of units[${seen}]; unit codes must be unique`);
      return;
    }
    firstIndex.set(parsed.code, i);
    parentPaths.set(parsed.code, i);
    const day = (value: string | Date | null | undefined, path: (string | number)[]): number | null => {
      if (value === null || value === undefined) return null;
      const at = parseInstant(dateInputText(value), calendar, 'start');
      if (typeof at === 'number') return at;
      problems.add(['units', i, ...path], at);
      return null;
    };
    const official = (o: RawUnit['head'], path: (string | number)[]): SeedOfficial => ({
      name: o.name.trim(),
      title: o.title?.trim() ?? null,
      email: o.email,
      since: day(o.since, [...path, 'since']),
    });
    const on = parsed.dissolved ? day(parsed.dissolved.on, ['dissolved', 'on']) : null;
    units.push({
      code: parsed.code,
      name: parsed.name.trim(),
      kind: parsed.kind,
      parent: parsed.parent ?? null,
      head: official(parsed.head, ['head']),
      contacts: (parsed.contacts ?? []).map((c, j) => official(c, ['contacts', j])),
      validFrom: day(parsed.validFrom, ['validFrom']),
      dissolved:
        parsed.dissolved && on !== null
          ? { on, onText: calendar.localDate(on), successor: parsed.dissolved.successor, document: parsed.dissolved.document?.trim() ?? null }
          : null,
    });
  });

  // Codes of every unit the file names, valid or not, so one bad unit does not make its children "unknown".
  const named = new Set(raw.map((u) => (u as { code?: unknown } | null)?.code).filter((c): c is string => typeof c === 'string'));
  const codes = [...named];
  const byCode = new Map<string, { code: string; parent: string | null }>([...broken, ...units].map((u) => [u.code, u]));
  for (const unit of [...units, ...broken]) {
    const i = parentPaths.get(unit.code) as number;
    if (unit.parent === null) continue;
    if (!named.has(unit.parent)) {
      problems.add(['units', i, 'parent'], `unknown unit "${unit.parent}" — known: ${knownList(codes)}`);
      unit.parent = null;
      continue;
    }
    const chain = [unit.code];
    let next: string | null = unit.parent;
    while (next !== null) {
      if (chain.includes(next)) {
        if (next === unit.code) problems.add(['units', i, 'parent'], `"${unit.parent}" makes a cycle: ${[...chain, next].join(' → ')}; a unit cannot be its own ancestor`);
        break;
      }
      chain.push(next);
      next = byCode.get(next)?.parent ?? null;
    }
  }
  return units;
}

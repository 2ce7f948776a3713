import type { ProblemCollector } from './problem-collector.js';
import { unitSchema } from './seed-schema.js';
import type { SeedUnit } from './seed-types.js';

/** A reference list for messages: `STTTT, SYT, CA, …` (the first dozen codes). */
export function knownList(codes: readonly string[]): string {
  if (codes.length === 0) return '(none defined)';
  return codes.length > 12 ? `${codes.slice(0, 12).join(', ')}, … (${codes.length} in all)` : codes.join(', ');
}

/** Checks the `units` section: each unit's shape, unique codes, parents that exist and form no cycle. */
export function validateUnits(raw: readonly unknown[], problems: ProblemCollector): SeedUnit[] {
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
    units.push({
      code: parsed.code,
      name: parsed.name.trim(),
      kind: parsed.kind,
      parent: parsed.parent ?? null,
      head: { name: parsed.head.name.trim(), title: parsed.head.title?.trim() ?? null, email: parsed.head.email },
      contacts: (parsed.contacts ?? []).map((c) => ({ name: c.name.trim(), title: c.title?.trim() ?? null, email: c.email })),
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

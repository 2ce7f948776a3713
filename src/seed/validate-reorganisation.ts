import type { ProblemCollector } from './problem-collector.js';
import type { SeedTask, SeedUnit } from './seed-types.js';
import { knownList } from './validate-units.js';

export interface ReorganisationContext {
  /** Every unit code the file names, valid or not (a broken unit is reported at the unit). */
  unitCodes: readonly string[];
  /** Where each unit and task sits in the file, by code. */
  unitIndex: ReadonlyMap<string, number>;
  taskIndex: ReadonlyMap<string, number>;
  standingAgency: string | null;
  /** The import instant: a task without a start date starts then. */
  now: number;
  /** `YYYY-MM-DD` of an instant, in the province's zone. */
  dateOf(at: number): string;
}

/**
 * Checks how the units' lives fit together: a dissolved unit's successor exists, is not the unit itself, does not
 * lead back to it, has come into being by then and is not itself dissolved by then; a unit ceases after it came into
 * being; an official's term begins within the unit's life; the standing agency still exists; and no task is given to
 * a unit (or a coordinating unit) that had already ceased when the task starts. Each problem names the field, the
 * value and what to write instead.
 */
export function validateReorganisation(units: readonly SeedUnit[], tasks: readonly SeedTask[], context: ReorganisationContext, problems: ProblemCollector): void {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const at = (code: string) => context.unitIndex.get(code) as number;
  for (const unit of units) {
    const i = at(unit.code);
    const { validFrom, dissolved } = unit;
    for (const [path, official] of [[['head'], unit.head], ...unit.contacts.map((c, j) => [['contacts', j], c] as const)] as const) {
      if (official.since === null) continue;
      if (validFrom !== null && official.since < validFrom) {
        problems.add(['units', i, ...path, 'since'], `${context.dateOf(official.since)} is before the unit came into being (validFrom ${context.dateOf(validFrom)}); a term begins on or after that day`);
      }
      if (dissolved && official.since >= dissolved.on) {
        problems.add(['units', i, ...path, 'since'], `${context.dateOf(official.since)} is not before the unit ceased (dissolved.on ${dissolved.onText}); name the successor's officials at the successor`);
      }
    }
    if (!dissolved) continue;
    if (validFrom !== null && dissolved.on <= validFrom) {
      problems.add(['units', i, 'dissolved', 'on'], `${dissolved.onText} is not after validFrom ${context.dateOf(validFrom)}; a unit ceases after the day it came into being`);
    }
    const successor = dissolved.successor;
    if (successor === unit.code) {
      problems.add(['units', i, 'dissolved', 'successor'], `"${successor}" is the unit itself; name the unit that takes over its tasks`);
      continue;
    }
    if (!context.unitCodes.includes(successor)) {
      problems.add(['units', i, 'dissolved', 'successor'], `unknown unit "${successor}" — known: ${knownList(context.unitCodes)}; the successor must be defined in the same file`);
      continue;
    }
    const next = byCode.get(successor);
    if (!next) continue;
    const chain = chainFrom(unit, byCode);
    if (chain.cycle) {
      problems.add(['units', i, 'dissolved', 'successor'], `"${successor}" makes a cycle: ${chain.codes.join(' → ')}; the tasks must end with a unit that is not dissolved`);
      continue;
    }
    if (next.dissolved && next.dissolved.on <= dissolved.on) {
      problems.add(
        ['units', i, 'dissolved', 'successor'],
        `"${successor}" is itself dissolved on ${next.dissolved.onText}, not after this unit (${dissolved.onText}), so it cannot take the tasks; name the unit that holds them from ${dissolved.onText}, such as ${chain.codes[chain.codes.length - 1] ?? next.dissolved.successor}`,
      );
    }
    if (next.validFrom !== null && next.validFrom > dissolved.on) {
      problems.add(['units', i, 'dissolved', 'on'], `${dissolved.onText} is before the successor "${successor}" came into being (its validFrom ${context.dateOf(next.validFrom)}); the successor must exist on the day the tasks pass to it`);
    }
  }
  const standing = context.standingAgency === null ? undefined : byCode.get(context.standingAgency);
  if (standing?.dissolved && standing.dissolved.on <= context.now) {
    problems.add(['province', 'standingAgency'], `"${standing.code}" ceased on ${standing.dissolved.onText}; name the unit that took its place, such as ${standing.dissolved.successor}`);
  }
  for (const task of tasks) {
    const j = context.taskIndex.get(task.code) as number;
    // A task without a start date starts at its import: whether it is new is known only there (syncTasks checks).
    if (task.start === null) continue;
    const ceased = (code: string) => {
      const u = byCode.get(code);
      return u?.dissolved && u.dissolved.on <= (task.start as number) ? u : null;
    };
    const own = ceased(task.unitCode);
    if (own?.dissolved) {
      problems.add(['tasks', j, 'unit'], `"${own.code}" ceased on ${own.dissolved.onText}, before the task starts (${context.dateOf(task.start)}); assign it to the unit that took over, such as ${own.dissolved.successor}`);
    }
    task.coordinatingUnitCodes.forEach((code, k) => {
      const helper = ceased(code);
      if (helper?.dissolved) {
        problems.add(['tasks', j, 'coordinatingUnits', k], `"${code}" ceased on ${helper.dissolved.onText}, before the task starts; name the unit that took over, such as ${helper.dissolved.successor}`);
      }
    });
  }
}

/** The successors from `unit` on, until a unit that is not dissolved, or the first code seen twice (a cycle). */
function chainFrom(unit: SeedUnit, byCode: ReadonlyMap<string, SeedUnit>): { codes: string[]; cycle: boolean } {
  const codes = [unit.code];
  let next = unit.dissolved?.successor;
  while (next !== undefined) {
    if (codes.includes(next)) return { codes: [...codes, next], cycle: true };
    codes.push(next);
    next = byCode.get(next)?.dissolved?.successor;
  }
  return { codes, cycle: false };
}

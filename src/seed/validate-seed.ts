import { timeZoneNamed } from '../domain/time-zone.js';
import { DEFAULT_TIME_ZONE } from '../domain/working-calendar.js';
import { ProblemCollector } from './problem-collector.js';
import { show } from './seed-issues.js';
import { documentSchema, provinceSchema } from './seed-schema.js';
import type { Locate, SeedProblem, SeedProvince, ValidSeed } from './seed-types.js';
import { validatePolicies } from './validate-policies.js';
import { validateReorganisation } from './validate-reorganisation.js';
import { validateSeedCalendar } from './validate-seed-calendar.js';
import { validateTasks } from './validate-tasks.js';
import { knownList, validateUnits } from './validate-units.js';

export interface ValidateSeedOptions {
  /** The import instant: reports may not lie after it, tasks without a start date start then. */
  now: number;
  locate?: Locate;
}

export type SeedValidation = { ok: true; seed: ValidSeed } | { ok: false; problems: SeedProblem[] };

/**
 * Validates a whole seed document (as YAML or JSON parsed it) and collects every problem with its path,
 * value and expectation; on success returns it with every reference resolved and every deadline parsed.
 */
export function validateSeed(document: unknown, options: ValidateSeedOptions): SeedValidation {
  const problems = new ProblemCollector(options.locate);
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    problems.add([], `the file holds ${show(document)}; expected a mapping with province, units, tasks (and optionally calendar, policies)`);
    return { ok: false, problems: problems.problems };
  }
  const top = problems.parse(documentSchema, document, []);
  const doc = document as Record<string, unknown>;

  const province = problems.parse(provinceSchema, doc.province, ['province']);
  let timeZone = DEFAULT_TIME_ZONE;
  // Read from the raw section, so a bad zone is reported even when another province field is malformed.
  const rawZone = (doc.province as { timezone?: unknown } | null | undefined)?.timezone;
  if (typeof rawZone === 'string') {
    try {
      timeZone = timeZoneNamed(rawZone).name;
    } catch {
      problems.add(['province', 'timezone'], `is ${show(rawZone)}: not a known time zone; expected an IANA name such as Asia/Ho_Chi_Minh`);
    }
  }

  const { seedCalendar, calendar } = validateSeedCalendar(doc.calendar, timeZone, problems);

  const policies = validatePolicies(top?.policies, problems);
  const units = validateUnits(top?.units ?? [], problems, calendar);
  const unitCodes = (top?.units ?? []).map((u) => (u as { code?: unknown } | null)?.code).filter((c): c is string => typeof c === 'string');

  const rawStanding = (doc.province as { standingAgency?: unknown } | null | undefined)?.standingAgency;
  const standingAgency = typeof rawStanding === 'string' ? rawStanding : null;
  if (standingAgency !== null && !unitCodes.includes(standingAgency)) {
    problems.add(['province', 'standingAgency'], `unknown unit "${standingAgency}" — known: ${knownList(unitCodes)}`);
  }

  const policyNames = new Set(Object.keys((top?.policies ?? {}) as object));
  const tasks = validateTasks(top?.tasks ?? [], { calendar, unitCodes, policies, policyNames, now: options.now }, problems);
  validateReorganisation(
    units,
    tasks,
    { unitCodes, unitIndex: indexByCode(top?.units), taskIndex: indexByCode(top?.tasks), standingAgency, now: options.now, dateOf: (at) => calendar.localDate(at) },
    problems,
  );

  if (!problems.ok || province === null) return { ok: false, problems: problems.problems };
  const seedProvince: SeedProvince = {
    name: province.name.trim(),
    timeZone,
    chairman: { name: province.chairman.name.trim(), title: province.chairman.title?.trim() ?? null, email: province.chairman.email },
    standingAgency,
  };
  return {
    ok: true,
    seed: {
      province: seedProvince,
      calendar: seedCalendar,
      policies,
      writtenPolicies: policyNames,
      units,
      tasks,
    },
  };
}

/** Where each entry of a section sits, by its code (the first one, when a code is repeated). */
function indexByCode(entries: readonly unknown[] | null | undefined): Map<string, number> {
  const index = new Map<string, number>();
  (entries ?? []).forEach((entry, i) => {
    const code = (entry as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && !index.has(code)) index.set(code, i);
  });
  return index;
}

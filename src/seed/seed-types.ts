import type { CalendarDay } from '../domain/calendar-day.js';
import type { Deadline } from '../domain/deadline-form.js';
import type { Indicator } from '../domain/indicator.js';
import type { UnitKind } from '../domain/unit-kind.js';
import type { TaskPolicy } from '../../workflows/task-policy.js';

/**
 * A seed file after validation: every reference resolved, every duration and deadline parsed, every
 * instant in epoch milliseconds. Nothing in it can fail to import for a reason the file could have fixed.
 */
export interface ValidSeed {
  province: SeedProvince;
  /** Plain dates (kept in the Province row) and announced days with their sources (written to CalendarDay). */
  calendar: { extraHolidays: string[]; workingDays: string[]; announced: CalendarDay[] };
  /** Named policies as the file defines them (the built-in `default` added when the file has none). */
  policies: Map<string, TaskPolicy>;
  /** Names of the policies the file itself wrote (the others are built in and not stored). */
  writtenPolicies: Set<string>;
  units: SeedUnit[];
  tasks: SeedTask[];
}

export interface SeedPerson {
  name: string;
  title: string | null;
  email: string;
}

export interface SeedProvince {
  name: string;
  timeZone: string;
  chairman: SeedPerson;
  standingAgency: string | null;
}

/** A unit's head or contact, with the instant their term begins when the file says (`since`: the start of that day). */
export interface SeedOfficial extends SeedPerson {
  since: number | null;
}

/** The unit ceased `on` (the start of that day, province time); its open tasks pass to `successor`. */
export interface SeedDissolution {
  on: number;
  /** The day as written, `YYYY-MM-DD`, for messages. */
  onText: string;
  successor: string;
  document: string | null;
}

export interface SeedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  head: SeedOfficial;
  contacts: SeedOfficial[];
  /** The start of the day it came into being, or null (before da06 knew it). */
  validFrom: number | null;
  dissolved: SeedDissolution | null;
}

export interface SeedReport {
  at: number;
  value: number;
}

export interface SeedTask {
  code: string;
  title: string;
  unitCode: string;
  coordinatingUnitCodes: string[];
  document: string | null;
  product: string | null;
  /** The start as written (null: the import instant). */
  startText: string | null;
  start: number | null;
  deadline: Deadline;
  policyName: string;
  policy: TaskPolicy;
  indicator: Indicator | null;
  /** Reported indicator values to record, oldest first. */
  reports: SeedReport[];
}

/** One problem found in a seed file: where (path and, when known, a line or a cell) and what was expected. */
export interface SeedProblem {
  /** `tasks[3].unit`, `policies.default.repeatEvery`… */
  path: string;
  /** `line 42`, or `Sheet "Phụ lục" row 7, column "Đơn vị chủ trì"`, when the reader knows. */
  location?: SeedLocation;
  message: string;
}

/** Maps a path in the document to where a person finds it (a line, a cell), or undefined. */
export type Locate = (path: readonly (string | number)[]) => SeedLocation | undefined;

/** Where a problem lies: `line 42` (shown after the path), or a spreadsheet cell that names it better than the path. */
export interface SeedLocation {
  where: string;
  /** True when `where` replaces the path (a cell), false when it is shown after it (a line). */
  insteadOfPath: boolean;
}

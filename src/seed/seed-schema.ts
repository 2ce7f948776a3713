import { z } from 'zod';
import { parseDuration } from '../domain/duration.js';
import { UNIT_KINDS } from '../domain/unit-kind.js';

/**
 * The shape of a seed file, section by section (INTERFACES.md is the authority). Only the structure is
 * checked here; references, deadlines and the calendar are checked by `validateSeed`, which knows the
 * whole file.
 */

// Anything that can reach a mail header (a name, a title, an address, a task title or code) must not
// carry a line break or another control character: it could inject a header.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** Codes of units and tasks: letters, digits, `.`, `_`, `-`; they appear in subjects and job ids. */
export const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Text that reaches a mail header: one line, not blank. */
export const headerText = z
  .string()
  .refine((v) => v.trim().length > 0, { message: 'empty; expected some text' })
  .refine((v) => !CONTROL.test(v), { message: 'contains a line break or a control character, which cannot go in an email header; write it on one line' });

export const email = z
  .string()
  .refine((v) => EMAIL.test(v) && v.length <= 254, { message: 'not an e-mail address; expected name@domain such as giamdoc.stttt@example.gov.vn' });

export const code = z
  .string()
  .refine((v) => CODE.test(v), { message: 'not a code; expected 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. STTTT or HG-2024-01' });

const duration = z.unknown().superRefine((value, ctx) => {
  const parsed = parseDuration(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

/** A date or date-time as written: YAML and JSON give a string; a YAML 1.1 timestamp gives a Date. */
const dateText = z.union([z.string(), z.date()], { error: 'expected a date such as 2024-06-30 or an ISO date-time' });

export const personSchema = z.strictObject({
  name: headerText,
  title: headerText.nullish(),
  email,
});

export const provinceSchema = z.strictObject({
  name: headerText,
  timezone: z.string().optional(),
  chairman: personSchema,
  standingAgency: z.string().nullish(),
});

/** Each day is a plain date (`2027-02-08`) or an announced day `{ date, name, source }`: see `validateSeedCalendar`. */
export const calendarSchema = z.strictObject({
  extraHolidays: z.array(z.unknown()).optional(),
  workingDays: z.array(z.unknown()).optional(),
});

export const policySchema = z.strictObject({
  remindBefore: z.array(duration).optional(),
  escalateToHeadAfter: duration.optional(),
  escalateToChairmanAfter: duration.optional(),
  acknowledgementHolds: duration.optional(),
  repeatEvery: duration.optional(),
  kpiCheckEvery: duration.optional(),
  reportStaleAfter: duration.optional(),
  kpiTolerance: z.number().min(0, 'expected a number of points >= 0').optional(),
  sendWindow: z
    .strictObject({ from: z.string(), to: z.string(), workingDaysOnly: z.boolean().optional() })
    .optional(),
  cc: z.array(email).optional(),
});

/** A unit's head or contact: a person, and optionally the day their term begins (`since`). */
export const officialSchema = personSchema.extend({ since: dateText.optional() });

/** The unit ceased `on` that day; its open tasks pass to `successor` (`validateReorganisation` checks the rest). */
export const dissolutionSchema = z.strictObject({
  on: dateText,
  successor: z.string(),
  document: headerText.nullish(),
});

export const unitSchema = z.strictObject({
  code,
  name: headerText,
  kind: z.enum(UNIT_KINDS),
  parent: z.string().nullish(),
  head: officialSchema,
  contacts: z.array(officialSchema).optional(),
  validFrom: dateText.nullish(),
  dissolved: dissolutionSchema.nullish(),
});

export const reportSchema = z.strictObject({ at: dateText, value: z.number() });

export const indicatorSchema = z.strictObject({
  name: headerText,
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  direction: z.enum(['increase', 'decrease']),
  reports: z.array(reportSchema).optional(),
});

export const taskSchema = z.strictObject({
  code,
  title: headerText,
  unit: z.string(),
  deadline: z.union([z.string(), z.date()], { error: 'expected a deadline such as 2024-06-30, "Quý II/2024" or "Thường xuyên"' }),
  startDate: dateText.nullish(),
  document: headerText.nullish(),
  product: z.string().nullish(),
  coordinatingUnits: z.array(z.string()).optional(),
  policy: z.string().optional(),
  indicator: indicatorSchema.nullish(),
});

/** The top level: each section is checked on its own so one bad task does not hide the others' problems. */
export const documentSchema = z.strictObject({
  province: z.unknown(),
  calendar: z.unknown().optional(),
  policies: z.record(z.string(), z.unknown()).nullish(),
  units: z.array(z.unknown()).nullish(),
  tasks: z.array(z.unknown()).nullish(),
});

export type RawPerson = z.infer<typeof personSchema>;
export type RawProvince = z.infer<typeof provinceSchema>;
export type RawPolicy = z.infer<typeof policySchema>;
export type RawUnit = z.infer<typeof unitSchema>;
export type RawTask = z.infer<typeof taskSchema>;

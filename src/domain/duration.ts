import type { WorkingCalendar } from './working-calendar.js';

/**
 * A policy duration: ISO 8601 (`P7D`, `PT30S`, `P1W`, `PT1H30M`: calendar time) or a count of working days.
 * Months and years are refused: they have no fixed length, and a policy that says "one month" should say
 * `P30D` or `{ workingDays: 22 }` instead.
 */
export type Duration = string | { workingDays: number };

/** The outcome of `parseDuration`: the duration, or a message saying what was expected. */
export type ParsedDuration = { ok: true; duration: Duration } | { ok: false; error: string };

const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const WITH_MONTHS_OR_YEARS = /^P(?:\d+[YMWD])*\d+[YM](?:\d+[WD])*(?:T.*)?$/;
const EXPECTED = 'expected an ISO 8601 duration such as P7D, P1W, PT1H30M or PT30S, or { workingDays: N }';

/** Milliseconds of an ISO 8601 duration limited to weeks, days, hours, minutes and seconds, or null if malformed. */
export function isoDurationMs(text: string): number | null {
  const m = ISO.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, w, d, h, min, s] = m;
  return (
    Number(w ?? 0) * 7 * 86_400_000 +
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(min ?? 0) * 60_000 +
    Math.round(Number(s ?? 0) * 1000)
  );
}

/** Checks a value from a seed file or a command line and returns it as a duration, or an error naming what was expected. */
export function parseDuration(value: unknown): ParsedDuration {
  if (typeof value === 'string') {
    const text = value.trim();
    if (isoDurationMs(text) !== null) return { ok: true, duration: text };
    if (WITH_MONTHS_OR_YEARS.test(text)) {
      return {
        ok: false,
        error: `"${value}" counts months or years, which have no fixed length: write days (e.g. P30D) or { workingDays: N }.`,
      };
    }
    return { ok: false, error: `"${value}" is not a duration: ${EXPECTED}.` };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const n = (value as { workingDays?: unknown }).workingDays;
    if (keys.length === 1 && keys[0] === 'workingDays' && typeof n === 'number' && Number.isInteger(n) && n >= 0) {
      return { ok: true, duration: { workingDays: n } };
    }
    if (keys.length !== 1 || keys[0] !== 'workingDays') {
      return { ok: false, error: `${JSON.stringify(value)} is not a duration: ${EXPECTED}.` };
    }
    return { ok: false, error: `workingDays is ${JSON.stringify(n)}: expected a whole number of working days >= 0.` };
  }
  return { ok: false, error: `${JSON.stringify(value) ?? String(value)} is not a duration: ${EXPECTED}.` };
}

/** The duration as people read it: `P7D` stays as written, working days become `3 ngày làm việc`. */
export function describeDuration(duration: Duration): string {
  return typeof duration === 'string' ? duration : `${duration.workingDays} ngày làm việc`;
}

/** The instant `duration` after `at`, counting working days on `calendar` when the duration is in working days. */
export function addDuration(calendar: WorkingCalendar, at: number, duration: Duration): number {
  if (typeof duration === 'object') return calendar.addWorkingDays(at, duration.workingDays);
  return at + isoMsOrThrow(duration);
}

/** The instant `duration` before `at`: working days land at the same wall-clock time on the n-th working day before. */
export function subtractDuration(calendar: WorkingCalendar, at: number, duration: Duration): number {
  if (typeof duration === 'object') return calendar.subtractWorkingDays(at, duration.workingDays);
  return at - isoMsOrThrow(duration);
}

function isoMsOrThrow(duration: string): number {
  const ms = isoDurationMs(duration);
  if (ms === null) throw new RangeError(`Invalid duration "${duration}": ${EXPECTED}.`);
  return ms;
}

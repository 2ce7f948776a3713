import { DAY_MS } from './civil-date.js';

/** The province's time zone when its row names none: Việt Nam's. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Wall-clock arithmetic in one IANA time zone, built on `Intl.DateTimeFormat` so zones with daylight
 * saving time work too. Offsets are cached per quarter hour of UTC, because every real offset change
 * since 1970 happens on a quarter-hour boundary, and formatting is the slow part.
 */
export interface TimeZone {
  /** The IANA name, e.g. `Asia/Ho_Chi_Minh`. */
  readonly name: string;
  /** The zone's offset from UTC at `at`, in milliseconds (Vietnam: +25 200 000). */
  offsetAt(at: number): number;
  /** The local day number (days since 1970-01-01) that contains `at`. */
  dayNumberAt(at: number): number;
  /** Milliseconds since local midnight at `at`. */
  msOfDayAt(at: number): number;
  /**
   * The instant at `msOfDay` after local midnight of `dayNumber`; a wall-clock time skipped by a DST
   * change resolves to the later side, a repeated one to the earlier.
   */
  instantAt(dayNumber: number, msOfDay: number): number;
}

const QUARTER_HOUR_MS = 900_000;
const MAX_CACHED_OFFSETS = 200_000;
const zones = new Map<string, TimeZone>();

/** The time zone with this IANA name (memoised); throws a clear error for an unknown name. */
export function timeZoneNamed(name: string): TimeZone {
  const known = zones.get(name);
  if (known) return known;
  const zone = buildTimeZone(name);
  zones.set(name, zone);
  return zone;
}

function buildTimeZone(name: string): TimeZone {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`Unknown time zone "${name}": expected an IANA name such as "Asia/Ho_Chi_Minh".`);
  }
  const cache = new Map<number, number>();

  const computeOffset = (at: number): number => {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(at)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      fields.year ?? 1970,
      (fields.month ?? 1) - 1,
      fields.day ?? 1,
      fields.hour ?? 0,
      fields.minute ?? 0,
      fields.second ?? 0,
    );
    // Intl drops milliseconds; compare against the instant truncated to the second.
    return asUtc - (at - (((at % 1000) + 1000) % 1000));
  };

  const offsetAt = (at: number): number => {
    const bucket = Math.floor(at / QUARTER_HOUR_MS);
    const hit = cache.get(bucket);
    if (hit !== undefined) return hit;
    if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
    const offset = computeOffset(bucket * QUARTER_HOUR_MS);
    cache.set(bucket, offset);
    return offset;
  };

  const local = (at: number): number => at + offsetAt(at);

  return {
    name,
    offsetAt,
    dayNumberAt: (at) => Math.floor(local(at) / DAY_MS),
    msOfDayAt: (at) => {
      const l = local(at);
      return l - Math.floor(l / DAY_MS) * DAY_MS;
    },
    instantAt(dayNumber, msOfDay) {
      const wall = dayNumber * DAY_MS + msOfDay;
      const before = offsetAt(wall - DAY_MS);
      const after = offsetAt(wall + DAY_MS);
      if (before === after) return wall - before;
      const early = wall - Math.max(before, after);
      const late = wall - Math.min(before, after);
      const earlyValid = offsetAt(early) === Math.max(before, after);
      const lateValid = offsetAt(late) === Math.min(before, after);
      if (earlyValid) return early;
      if (lateValid) return late;
      // Skipped wall-clock time (spring forward): read it with the offset in force before the change.
      return wall - before;
    },
  };
}

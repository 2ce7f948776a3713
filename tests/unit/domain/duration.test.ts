import { describe, expect, it } from 'vitest';
import { addDuration, describeDuration, isoDurationMs, parseDuration, subtractDuration } from '../../../src/domain/duration.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';

const calendar = createWorkingCalendar();
const vn = (date: string, time = '10:00'): number => Date.parse(`${date}T${time}:00+07:00`);

describe('policy durations', () => {
  describe('written in ISO 8601', () => {
    it.each([
      ['P7D', 7 * 86_400_000],
      ['PT30S', 30_000],
      ['P1W', 7 * 86_400_000],
      ['PT1H30M', 5_400_000],
      ['PT0S', 0],
      ['P1DT12H', 36 * 3_600_000],
      ['PT0.5S', 500],
    ])('reads %s as %i ms', (text, ms) => {
      expect(isoDurationMs(text)).toBe(ms);
      expect(parseDuration(text)).toEqual({ ok: true, duration: text });
    });

    it.each([['P'], ['PT'], ['7D'], ['P-1D'], ['p7d'], ['P1.5D'], ['']])('refuses %j, saying what was expected', (text) => {
      expect(isoDurationMs(text)).toBeNull();
      const parsed = parseDuration(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/expected an ISO 8601 duration such as P7D/);
    });

    it.each([['P1M'], ['P1Y'], ['P1Y2M3D'], ['P1MT1H']])('refuses months and years in %s, suggesting days instead', (text) => {
      const parsed = parseDuration(text);
      expect(parsed).toEqual({ ok: false, error: expect.stringMatching(/months or years.*P30D/) });
    });

    it('still reads PT1M as one minute', () => {
      expect(parseDuration('PT1M')).toEqual({ ok: true, duration: 'PT1M' });
      expect(isoDurationMs('PT1M')).toBe(60_000);
    });
  });

  describe('written in working days', () => {
    it('accepts a whole number of working days', () => {
      expect(parseDuration({ workingDays: 3 })).toEqual({ ok: true, duration: { workingDays: 3 } });
      expect(parseDuration({ workingDays: 0 })).toEqual({ ok: true, duration: { workingDays: 0 } });
    });

    it.each([[{ workingDays: -1 }], [{ workingDays: 1.5 }], [{ workingDays: '3' }]])('refuses %j, naming the field', (value) => {
      expect(parseDuration(value)).toEqual({ ok: false, error: expect.stringMatching(/^workingDays is .*whole number/) });
    });

    it.each([[{ days: 3 }], [{ workingDays: 3, hours: 1 }], [null], [7], [[]]])('refuses %j as no duration', (value) => {
      expect(parseDuration(value)).toEqual({ ok: false, error: expect.stringMatching(/is not a duration.*workingDays: N/) });
    });
  });

  describe('applied to an instant', () => {
    it('adds calendar time for ISO durations, over weekends and holidays alike', () => {
      expect(addDuration(calendar, vn('2024-02-07'), 'P7D')).toBe(vn('2024-02-14'));
      expect(subtractDuration(calendar, vn('2024-02-14'), 'P7D')).toBe(vn('2024-02-07'));
    });

    it('counts working days over Tết', () => {
      expect(addDuration(calendar, vn('2024-02-07'), { workingDays: 3 })).toBe(vn('2024-02-19'));
      expect(subtractDuration(calendar, vn('2024-02-19'), { workingDays: 3 })).toBe(vn('2024-02-07'));
    });

    it('throws on a malformed duration that slipped past validation', () => {
      expect(() => addDuration(calendar, 0, 'P1M')).toThrow(/Invalid duration "P1M"/);
    });

    it('reads working days in Vietnamese for people', () => {
      expect(describeDuration({ workingDays: 3 })).toBe('3 ngày làm việc');
      expect(describeDuration('P7D')).toBe('P7D');
    });
  });
});

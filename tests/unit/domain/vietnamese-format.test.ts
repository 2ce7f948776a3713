import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  parseVietnameseNumber,
} from '../../../src/domain/vietnamese-format.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';

describe('Vietnamese formatting', () => {
  it.each([
    [88.8, '88,8'],
    [2527, '2.527'],
    [1234567.891, '1.234.567,89'],
    [0, '0'],
    [-2527.5, '-2.527,5'],
    [-0.001, '0'],
    [100, '100'],
    [0.5, '0,5'],
  ])('writes %d as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('writes percentages with a comma and no space', () => {
    expect(formatPercent(88.8)).toBe('88,8%');
    expect(formatPercent(88.84)).toBe('88,8%');
    expect(formatPercent(100)).toBe('100%');
  });

  it('writes dates as dd/mm/yyyy in the province’s time zone', () => {
    expect(formatDate(Date.parse('2024-06-30T16:59:59.999Z'))).toBe('30/06/2024');
    expect(formatDate(Date.parse('2024-06-30T17:00:00Z'))).toBe('01/07/2024');
    expect(formatDate(Date.parse('2024-06-30T17:00:00Z'), 'UTC')).toBe('30/06/2024');
  });

  it('writes date-times as HH:mm dd/mm/yyyy', () => {
    expect(formatDateTime(Date.parse('2024-02-07T01:05:00Z'))).toBe('08:05 07/02/2024');
    expect(formatDateTime(Date.parse('2024-12-31T17:00:00Z'))).toBe('00:00 01/01/2025');
  });

  it('reads back what it writes, for numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const value = whole + Math.sign(whole || 1) * cents / 100;
        expect(parseVietnameseNumber(formatNumber(value))).toBeCloseTo(value, 2);
      }),
    );
  });

  it('reads back what it writes, for dates', () => {
    const calendar = createWorkingCalendar();
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), (at) => {
        const [dd, mm, yyyy] = formatDate(at).split('/');
        expect(`${yyyy}-${mm}-${dd}`).toBe(calendar.localDate(at));
      }),
    );
  });

  it('refuses numbers not written the Vietnamese way', () => {
    expect(parseVietnameseNumber('2,527.5')).toBeNull();
    expect(parseVietnameseNumber('25.27')).toBeNull();
    expect(parseVietnameseNumber('88,8')).toBe(88.8);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';

const calendar = createWorkingCalendar();
/** An instant at a local wall-clock time in Vietnam (UTC+7). */
const vn = (date: string, time = '10:00'): number => Date.parse(`${date}T${time}:00+07:00`);

describe('the working-day calendar of a Vietnamese province', () => {
  describe('on the Government’s announced schedules', () => {
    it.each([
      ['2024-01-01', 'Tết Dương lịch'],
      ['2024-02-08', 'Tết Nguyên đán'],
      ['2024-02-09', 'Tết Nguyên đán'],
      ['2024-02-12', 'Tết Nguyên đán'],
      ['2024-02-13', 'Tết Nguyên đán'],
      ['2024-02-14', 'Tết Nguyên đán'],
      ['2024-04-18', 'Giỗ Tổ Hùng Vương'],
      ['2024-04-29', 'Ngày Chiến thắng 30/4 (hoán đổi, làm bù thứ Bảy 04/05/2024)'],
      ['2024-04-30', 'Ngày Chiến thắng 30/4'],
      ['2024-05-01', 'Ngày Quốc tế Lao động'],
      ['2024-09-02', 'Quốc khánh'],
      ['2024-09-03', 'Quốc khánh'],
      ['2025-01-01', 'Tết Dương lịch'],
      ['2025-01-27', 'Tết Nguyên đán'],
      ['2025-01-28', 'Tết Nguyên đán'],
      ['2025-01-29', 'Tết Nguyên đán'],
      ['2025-01-30', 'Tết Nguyên đán'],
      ['2025-01-31', 'Tết Nguyên đán'],
      ['2025-04-07', 'Giỗ Tổ Hùng Vương'],
      ['2025-04-30', 'Ngày Chiến thắng 30/4'],
      ['2025-05-01', 'Ngày Quốc tế Lao động'],
      ['2025-05-02', 'Ngày Quốc tế Lao động (hoán đổi, làm bù thứ Bảy 26/04/2025)'],
      ['2025-09-01', 'Quốc khánh'],
      ['2025-09-02', 'Quốc khánh'],
      ['2026-01-01', 'Tết Dương lịch'],
      ['2026-01-02', 'Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)'],
      ['2026-02-16', 'Tết Nguyên đán'],
      ['2026-02-17', 'Tết Nguyên đán'],
      ['2026-02-18', 'Tết Nguyên đán'],
      ['2026-02-19', 'Tết Nguyên đán'],
      ['2026-02-20', 'Tết Nguyên đán'],
      ['2026-04-27', 'Giỗ Tổ Hùng Vương (nghỉ bù)'],
      ['2026-04-30', 'Ngày Chiến thắng 30/4'],
      ['2026-05-01', 'Ngày Quốc tế Lao động'],
      ['2026-09-01', 'Quốc khánh'],
      ['2026-09-02', 'Quốc khánh'],
    ])('gives %s off (%s), as announced', (date, name) => {
      expect(calendar.isWorkingDate(date)).toBe(false);
      expect(calendar.isWorkingDay(vn(date))).toBe(false);
      expect(calendar.isHoliday(date)).toBe(true);
      expect(calendar.holidayInfo(date)).toEqual({ name, source: expect.stringMatching(/\S/), provisional: false });
    });

    it.each([['2024-05-04'], ['2025-04-26']])('works on the make-up Saturday %s', (date) => {
      expect(calendar.isWorkingDate(date)).toBe(true);
      expect(calendar.holidayInfo(date)).toBeNull();
    });

    it('counts exactly the announced weekdays off in each year', () => {
      const weekdaysOff = (year: number): string[] => {
        const off: string[] = [];
        for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
          const date = new Date(t).toISOString().slice(0, 10);
          const weekday = new Date(t).getUTCDay();
          if (weekday !== 0 && weekday !== 6 && !calendar.isWorkingDate(date)) off.push(date);
        }
        return off;
      };
      expect(weekdaysOff(2024)).toEqual([
        '2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14',
        '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03',
      ]);
      expect(weekdaysOff(2025)).toEqual([
        '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
        '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
      ]);
      expect(weekdaysOff(2026)).toEqual([
        '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
        '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
      ]);
    });

    it('names the weekend days inside a holiday break but does not make them working days', () => {
      expect(calendar.holidayInfo('2024-02-10')).toMatchObject({ name: 'Tết Nguyên đán', provisional: false });
      expect(calendar.isWorkingDate('2024-02-10')).toBe(false);
      expect(calendar.holidayInfo('2024-03-02')).toBeNull();
    });
  });

  describe('in a year not yet announced', () => {
    it('marks its holidays as provisional', () => {
      expect(calendar.holidayInfo('2027-01-01')).toEqual({ name: 'Tết Dương lịch', source: 'Bộ luật Lao động 2019, Điều 112', provisional: true });
      expect(calendar.holidayInfo('2027-04-16')?.provisional).toBe(true);
    });

    it('gives a Tết break of five working days around the lunar new year', () => {
      // Lunar new year 2027 is Saturday 06/02: the eve (Fri 05/02) plus four days, weekend days compensated.
      const off = ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'];
      for (const date of off) expect(calendar.isWorkingDate(date), date).toBe(false);
      expect(calendar.isWorkingDate('2027-02-04')).toBe(true);
      expect(calendar.isWorkingDate('2027-02-12')).toBe(true);
    });

    describe('when a holiday falls on a weekend', () => {
      it('gives the next working day off (Bộ luật Lao động, Điều 111)', () => {
        // 01/05/2027 is a Saturday; 01/01/2028 is a Saturday; 02/09/2028 is a Saturday.
        expect(calendar.holidayInfo('2027-05-03')).toEqual({ name: 'Quốc tế Lao động (nghỉ bù)', source: 'Bộ luật Lao động 2019, Điều 111 khoản 3', provisional: true });
        expect(calendar.isWorkingDate('2028-01-03')).toBe(false);
        expect(calendar.isWorkingDate('2028-09-04')).toBe(false);
        expect(calendar.isWorkingDate('2028-09-05')).toBe(true);
      });

      it('moves the compensation past holidays that follow it', () => {
        // 30/04/2028 is a Sunday and 01/05 a Monday: the day off in lieu is Tuesday 02/05.
        expect(calendar.isWorkingDate('2028-05-01')).toBe(false);
        expect(calendar.isWorkingDate('2028-05-02')).toBe(false);
        expect(calendar.isWorkingDate('2028-05-03')).toBe(true);
      });
    });

    it('gives Quốc khánh two days, 01/09 and 02/09', () => {
      expect(calendar.isWorkingDate('2027-09-01')).toBe(false);
      expect(calendar.isWorkingDate('2027-09-02')).toBe(false);
      expect(calendar.isWorkingDate('2027-09-03')).toBe(true);
    });
  });

  describe('with the seed file’s overrides', () => {
    const province = createWorkingCalendar({ extraHolidays: ['2024-03-04'], workingDays: ['2024-03-09', '2024-02-14'] });

    it('adds extra days off', () => {
      expect(province.isWorkingDate('2024-03-04')).toBe(false);
      expect(province.holidayInfo('2024-03-04')).toEqual({ name: 'Ngày nghỉ bổ sung của tỉnh', source: 'Tệp seed của tỉnh (calendar.extraHolidays)', provisional: false });
    });

    it('adds make-up working days, even over a holiday', () => {
      expect(province.isWorkingDate('2024-03-09')).toBe(true);
      expect(province.isWorkingDate('2024-02-14')).toBe(true);
      expect(province.isHoliday('2024-02-14')).toBe(false);
    });

    it('refuses a malformed date or one that is both off and worked', () => {
      expect(() => createWorkingCalendar({ extraHolidays: ['2024-02-30'] })).toThrow(/calendar.extraHolidays\[0\].*YYYY-MM-DD/);
      expect(() => createWorkingCalendar({ extraHolidays: ['2024-03-04'], workingDays: ['2024-03-04'] })).toThrow(
        /both in extraHolidays and workingDays/,
      );
    });

    it('refuses an unknown time zone with the expected form', () => {
      expect(() => createWorkingCalendar({ timeZone: 'Asia/Hanoi_City' })).toThrow(/IANA name/);
    });
  });

  describe('adding working days', () => {
    it.each([
      ['across Tết 2024', '2024-02-07', 1, '2024-02-15'],
      ['across Tết 2024, five days', '2024-02-06', 5, '2024-02-20'],
      ['across Tết 2025', '2025-01-24', 1, '2025-02-03'],
      ['across Tết 2025 from its eve', '2025-01-27', 1, '2025-02-03'],
      ['across Tết 2026', '2026-02-13', 1, '2026-02-23'],
      ['across Tết Dương lịch 2026 (01–04/01 off)', '2025-12-31', 3, '2026-01-07'],
      ['onto the make-up Saturday 2026', '2026-01-09', 1, '2026-01-10'],
      ['across 30/4–1/5 2024 and its make-up Saturday', '2024-04-26', 1, '2024-05-02'],
      ['onto the make-up Saturday 2024', '2024-05-03', 1, '2024-05-04'],
      ['across 30/4–1/5 2025', '2025-04-29', 1, '2025-05-05'],
      ['onto the make-up Saturday 2025', '2025-04-25', 1, '2025-04-26'],
      ['across Giỗ Tổ 2026 and 30/4–1/5', '2026-04-24', 4, '2026-05-05'],
      ['across 2/9 2024', '2024-08-30', 1, '2024-09-04'],
      ['across 2/9 2025', '2025-08-29', 1, '2025-09-03'],
      ['across 2/9 2026', '2026-08-31', 1, '2026-09-03'],
      ['over a plain week', '2024-03-04', 5, '2024-03-11'],
      ['from a Saturday', '2024-03-02', 1, '2024-03-04'],
    ])('%s: %s + %i working days is %s, at the same time of day', (_, from, n, to) => {
      expect(calendar.addWorkingDays(vn(from, '09:15'), n)).toBe(vn(to, '09:15'));
    });

    it('returns the instant unchanged for zero days', () => {
      expect(calendar.addWorkingDays(vn('2024-02-10'), 0)).toBe(vn('2024-02-10'));
    });

    it('refuses a negative or fractional count', () => {
      expect(() => calendar.addWorkingDays(0, -1)).toThrow(/whole number/);
      expect(() => calendar.addWorkingDays(0, 1.5)).toThrow(/whole number/);
    });

    it('steps back over Tết when subtracting', () => {
      expect(calendar.subtractWorkingDays(vn('2024-02-15', '08:00'), 1)).toBe(vn('2024-02-07', '08:00'));
      expect(calendar.subtractWorkingDays(vn('2024-05-06'), 2)).toBe(vn('2024-05-03'));
    });

    it('is cheap enough for 100,000 tasks', () => {
      const started = performance.now();
      for (let i = 0; i < 100_000; i += 1) calendar.addWorkingDays(vn('2024-01-02') + i * 600_000, 20);
      expect(performance.now() - started).toBeLessThan(2_000);
    });
  });

  describe('counting working days between two instants', () => {
    it('counts the working days that fully ended in between', () => {
      expect(calendar.workingDaysBetween(vn('2024-02-07'), vn('2024-02-15'))).toBe(1);
      expect(calendar.workingDaysBetween(vn('2024-03-04'), vn('2024-03-04', '23:00'))).toBe(0);
      expect(calendar.workingDaysBetween(vn('2024-03-04'), calendar.endOfLocalDay('2024-03-04'))).toBe(1);
      expect(calendar.workingDaysBetween(vn('2024-03-08'), vn('2024-03-04'))).toBe(0);
    });
  });

  describe('local days', () => {
    it('ends a day at 23:59:59.999 local and starts it at midnight local', () => {
      expect(calendar.endOfLocalDay('2024-06-30')).toBe(Date.parse('2024-06-30T16:59:59.999Z'));
      expect(calendar.startOfLocalDay('2024-06-30')).toBe(Date.parse('2024-06-29T17:00:00.000Z'));
      expect(calendar.localDate(Date.parse('2024-06-29T17:00:00.000Z'))).toBe('2024-06-30');
      expect(calendar.localDate(Date.parse('2024-06-29T16:59:59.999Z'))).toBe('2024-06-29');
    });

    it('gives the next working day after a holiday', () => {
      expect(calendar.nextWorkingDay('2024-02-07')).toBe('2024-02-15');
      expect(calendar.nextWorkingDay('2024-05-03')).toBe('2024-05-04');
    });

    it('refuses a malformed date', () => {
      expect(() => calendar.isWorkingDate('30/06/2024')).toThrow(/YYYY-MM-DD/);
    });
  });

  describe('in a time zone with daylight saving time', () => {
    const berlin = createWorkingCalendar({ timeZone: 'Europe/Berlin' });

    it('keeps the wall-clock time across the spring change', () => {
      // Europe/Berlin moves to summer time on Sunday 31/03/2024.
      const friday = Date.parse('2024-03-29T09:00:00+01:00');
      expect(berlin.addWorkingDays(friday, 1)).toBe(Date.parse('2024-04-01T09:00:00+02:00'));
    });

    it('has 23-hour and 25-hour days', () => {
      expect(berlin.endOfLocalDay('2024-03-31') + 1 - berlin.startOfLocalDay('2024-03-31')).toBe(23 * 3_600_000);
      expect(berlin.endOfLocalDay('2024-10-27') + 1 - berlin.startOfLocalDay('2024-10-27')).toBe(25 * 3_600_000);
    });

    it('resolves a wall-clock time skipped by the change to the later side', () => {
      expect(berlin.atLocalTime('2024-03-31', '02:30')).toBe(Date.parse('2024-03-31T03:30:00+02:00'));
    });

    it('starts a day whose midnight is skipped at the first existing instant', () => {
      // America/Santiago skipped 00:00–01:00 on Sunday 08/09/2024.
      const santiago = createWorkingCalendar({ timeZone: 'America/Santiago' });
      expect(santiago.startOfLocalDay('2024-09-08')).toBe(Date.parse('2024-09-08T01:00:00-03:00'));
      expect(santiago.localDate(santiago.startOfLocalDay('2024-09-08'))).toBe('2024-09-08');
    });
  });

  describe('properties', () => {
    const workingInstant = fc
      .integer({ min: Date.parse('2023-06-01T00:00:00Z'), max: Date.parse('2029-06-01T00:00:00Z') })
      .filter((at) => calendar.isWorkingDay(at));

    it('adding N working days from a working day, then counting the working days between, gives N', () => {
      fc.assert(
        fc.property(workingInstant, fc.integer({ min: 0, max: 60 }), (at, n) => {
          expect(calendar.workingDaysBetween(at, calendar.addWorkingDays(at, n))).toBe(n);
        }),
      );
    });

    it('never lands on a day off, and never on a holiday', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.parse('2023-06-01T00:00:00Z'), max: Date.parse('2029-06-01T00:00:00Z') }), fc.integer({ min: 1, max: 60 }), (at, n) => {
          const landed = calendar.addWorkingDays(at, n);
          expect(calendar.isWorkingDay(landed)).toBe(true);
          expect(calendar.isHoliday(calendar.localDate(landed))).toBe(false);
        }),
      );
    });

    it('subtracting undoes adding from a working day', () => {
      fc.assert(
        fc.property(workingInstant, fc.integer({ min: 0, max: 60 }), (at, n) => {
          expect(calendar.subtractWorkingDays(calendar.addWorkingDays(at, n), n)).toBe(at);
        }),
      );
    });

    it('a working day is never a holiday', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 365 * 6 }), (offset) => {
          const date = new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
          if (calendar.isWorkingDate(date)) expect(calendar.holidayInfo(date)).toBeNull();
        }),
      );
    });
  });
});

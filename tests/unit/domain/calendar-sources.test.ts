import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../src/domain/calendar-day.js';
import { listCalendarYear } from '../../../src/domain/calendar-year.js';
import { provisionalYearAt, provisionalYearNote } from '../../../src/domain/provisional-year.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';

const calendar = createWorkingCalendar();
const LAW = 'Bộ luật Lao động 2019, Điều 112';
const vn = (date: string, time = '10:00'): number => Date.parse(`${date}T${time}:00+07:00`);

describe('the sources of the days da06 ships', () => {
  it('names Công văn 12729/VPCP-KGVX for the 2026 New Year swap: Friday 02/01 off, Saturday 10/01 worked', () => {
    const year = listCalendarYear(calendar, 2026);
    expect(year.daysOff).toContainEqual({ date: '2026-01-02', name: 'Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)', source: expect.stringContaining('12729/VPCP-KGVX ngày 25/12/2025') });
    expect(year.makeUpWorkingDays).toEqual([{ date: '2026-01-10', name: 'Làm bù ngày 02/01/2026', source: expect.stringContaining('12729/VPCP-KGVX') }]);
  });

  it('gives the law as the source of the fixed-date holidays', () => {
    for (const date of ['2024-01-01', '2025-04-30', '2025-09-02', '2026-01-01', '2026-05-01', '2026-09-02']) {
      expect(calendar.holidayInfo(date)?.source, date).toBe(LAW);
    }
  });

  it('names the announcement of the Tết days and the day next to Quốc khánh', () => {
    expect(calendar.holidayInfo('2024-02-12')?.source).toContain('5015/TB-LĐTBXH');
    expect(calendar.holidayInfo('2025-01-27')?.source).toContain('8726/VPCP-KGVX');
    expect(calendar.holidayInfo('2025-05-02')?.source).toContain('8726/VPCP-KGVX');
    expect(calendar.holidayInfo('2025-09-01')?.source).toContain('8726/VPCP-KGVX');
    expect(calendar.holidayInfo('2026-02-16')?.source).toContain('9441/TB-BNV');
    expect(calendar.holidayInfo('2026-04-27')?.source).toBe('Bộ luật Lao động 2019, Điều 111 khoản 3');
  });

  it.each([2024, 2025, 2026, 2027])('gives every listed day of %i a source', (y) => {
    const year = listCalendarYear(calendar, y);
    for (const day of [...year.daysOff, ...year.makeUpWorkingDays]) expect(day.source.trim(), day.date).not.toBe('');
  });

  it('lists the weekdays off only: the weekend inside a break is off anyway', () => {
    const dates = listCalendarYear(calendar, 2026).daysOff.map((d) => d.date);
    expect(dates).toEqual([
      '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
    ]);
  });

  it('counts { workingDays: 3 } from Wednesday 31/12/2025 to Wednesday 07/01/2026, as an official would', () => {
    expect(calendar.localDate(calendar.addWorkingDays(vn('2025-12-31'), 3))).toBe('2026-01-07');
  });
});

describe('a year whose schedule is not announced', () => {
  it('is provisional, and says so with the law as its basis', () => {
    expect(listCalendarYear(calendar, 2027).provisional).toBe(true);
    expect(listCalendarYear(calendar, 2026).provisional).toBe(false);
    expect(provisionalYearAt(calendar, vn('2027-03-01'))).toBe(2027);
    expect(provisionalYearAt(calendar, vn('2026-12-31', '23:30'))).toBeNull();
    expect(provisionalYearNote(2027)).toBe('Lịch nghỉ năm 2027 chưa được công bố; ngày làm việc được tính tạm theo Bộ luật Lao động');
  });

  describe('once its announced days are loaded', () => {
    const announced: CalendarDay[] = [
      { date: '2027-02-04', kind: 'dayOff', name: 'Tết Nguyên đán', source: 'Thông báo số 1/TB-BNV ngày 01/10/2026 của Bộ Nội vụ' },
      { date: '2027-02-05', kind: 'dayOff', name: 'Tết Nguyên đán', source: 'Thông báo số 1/TB-BNV ngày 01/10/2026 của Bộ Nội vụ' },
      { date: '2027-02-08', kind: 'dayOff', name: 'Tết Nguyên đán', source: 'Thông báo số 1/TB-BNV ngày 01/10/2026 của Bộ Nội vụ' },
      { date: '2027-02-09', kind: 'dayOff', name: 'Tết Nguyên đán', source: 'Thông báo số 1/TB-BNV ngày 01/10/2026 của Bộ Nội vụ' },
      { date: '2027-02-10', kind: 'dayOff', name: 'Tết Nguyên đán', source: 'Thông báo số 1/TB-BNV ngày 01/10/2026 của Bộ Nội vụ' },
      { date: '2027-02-20', kind: 'makeUpWorkingDay', name: 'Làm bù', source: 'Thông báo số 1/TB-BNV ngày 01/10/2026 của Bộ Nội vụ' },
    ];
    const loaded = createWorkingCalendar({ announcedDays: announced });

    it('is confirmed, and its days carry their announcement', () => {
      const year = listCalendarYear(loaded, 2027);
      expect(year.provisional).toBe(false);
      expect(year.daysOff.find((d) => d.date === '2027-02-04')?.source).toContain('1/TB-BNV');
      expect(year.makeUpWorkingDays.map((d) => d.date)).toEqual(['2027-02-20']);
      expect(loaded.isWorkingDate('2027-02-20')).toBe(true);
    });

    it('drops the guessed Tết days and keeps the law’s fixed holidays with their days in lieu', () => {
      // The rules guessed 05, 08–11/02; the announcement says 04–05, 08–10/02.
      expect(loaded.isWorkingDate('2027-02-11')).toBe(true);
      expect(loaded.isWorkingDate('2027-02-04')).toBe(false);
      expect(loaded.holidayInfo('2027-01-01')).toEqual({ name: 'Tết Dương lịch', source: LAW, provisional: false });
      expect(loaded.isWorkingDate('2027-05-03')).toBe(false); // 01/05/2027 is a Saturday
      expect(loaded.isWorkingDate('2027-09-01')).toBe(true); // the adjacent day is the announcement's to give
    });

    it('leaves the other years as they were', () => {
      expect(loaded.holidays(2028).provisional).toBe(true);
      expect(loaded.isWorkingDate('2026-01-02')).toBe(false);
    });
  });

  it('lets a loaded day off or make-up day win over a shipped one, and the seed’s plain dates over both', () => {
    const c = createWorkingCalendar({
      announcedDays: [{ date: '2026-01-10', kind: 'dayOff', name: 'Nghỉ thêm', source: 'Công văn số 5/UBND' }],
      workingDays: ['2026-02-16'],
    });
    expect(c.isWorkingDate('2026-01-10')).toBe(false);
    expect(c.holidayInfo('2026-01-10')?.source).toBe('Công văn số 5/UBND');
    expect(c.isWorkingDate('2026-02-16')).toBe(true);
    expect(listCalendarYear(c, 2026).makeUpWorkingDays.map((d) => d.date)).toEqual(['2026-02-16']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../../src/domain/deadline-form.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';

const calendar = createWorkingCalendar();
const endOf = (date: string): number => Date.parse(`${date}T23:59:59.999+07:00`);

describe('deadline forms', () => {
  describe('an ISO date-time', () => {
    it('is taken exactly as written, with its offset', () => {
      expect(parseDeadline('2024-06-30T17:00:00+07:00', calendar)).toEqual({
        kind: 'instant',
        at: Date.parse('2024-06-30T10:00:00Z'),
        text: '2024-06-30T17:00:00+07:00',
      });
      expect(parseDeadline('2024-06-30T10:00:00.250Z', calendar)).toMatchObject({ at: Date.parse('2024-06-30T10:00:00.250Z') });
      expect(parseDeadline('2024-06-30T17:00+0700', calendar)).toMatchObject({ at: Date.parse('2024-06-30T10:00:00Z') });
    });

    it('is not moved even when it falls on a day off', () => {
      expect(parseDeadline('2024-02-10T17:00:00+07:00', calendar)).toEqual({
        kind: 'instant',
        at: Date.parse('2024-02-10T17:00:00+07:00'),
        text: '2024-02-10T17:00:00+07:00',
      });
    });

    it('without an offset, is read as wall-clock time in the province', () => {
      expect(parseDeadline('2024-06-28T17:00', calendar)).toMatchObject({ at: Date.parse('2024-06-28T17:00:00+07:00') });
    });

    it('refuses an impossible date or time', () => {
      expect(parseDeadline('2024-02-30T17:00:00+07:00', calendar)).toMatch(/does not exist/);
      expect(parseDeadline('2024-06-30T25:00:00+07:00', calendar)).toMatch(/does not exist/);
    });
  });

  describe('a date, month, quarter or year', () => {
    it.each([
      ['2024-06-28', endOf('2024-06-28')],
      ['28/06/2024', endOf('2024-06-28')],
      ['8/3/2024', endOf('2024-03-08')],
      ['Ngày 28/06/2024', endOf('2024-06-28')],
      ['Tháng 5/2024', endOf('2024-05-31')],
      ['tháng 02/2024', endOf('2024-02-29')],
      ['Tháng 7 năm 2024', endOf('2024-07-31')],
      ['Quý II/2024', endOf('2024-07-01')],
      ['Quý III/2024', endOf('2024-09-30')],
      ['Quý 3/2024', endOf('2024-09-30')],
      ['QUÝ IV năm 2025', endOf('2025-12-31')],
      ['Năm 2025', endOf('2025-12-31')],
      ['Nam 2025', endOf('2025-12-31')],
    ])('reads %j as the end of its last day', (text, at) => {
      expect(parseDeadline(text, calendar)).toMatchObject({ kind: 'instant', at, text });
    });

    describe('when its last day is a day off', () => {
      it.each([
        ['Quý I/2024', '2024-03-31', '2024-04-01'],
        ['2024-06-30', '2024-06-30', '2024-07-01'],
        ['30/06/2024', '2024-06-30', '2024-07-01'],
        ['Tháng 6/2024', '2024-06-30', '2024-07-01'],
        ['Quý II/2024', '2024-06-30', '2024-07-01'],
        ['Năm 2024', '2024-12-31', '2024-12-31'],
        ['10/02/2024', '2024-02-10', '2024-02-15'],
        ['Tháng 8/2024', '2024-08-31', '2024-09-04'],
        ['2025-05-01', '2025-05-01', '2025-05-05'],
        ['Tháng 1/2025', '2025-01-31', '2025-02-03'],
        ['2026-04-26', '2026-04-26', '2026-04-28'],
      ])('%s moves to the end of the next working day (Bộ luật Dân sự, Điều 148)', (text, named, due) => {
        const parsed = parseDeadline(text, calendar);
        expect(parsed).toMatchObject({ kind: 'instant', at: endOf(due) });
        if (named !== due) expect(parsed).toMatchObject({ movedFrom: named });
        else expect(parsed).not.toHaveProperty('movedFrom');
      });
    });

    it('keeps Năm 2025 on Wednesday 31/12/2025', () => {
      expect(parseDeadline('Năm 2025', calendar)).toEqual({ kind: 'instant', at: endOf('2025-12-31'), text: 'Năm 2025' });
    });

    it('honours the province’s extra days off', () => {
      const province = createWorkingCalendar({ extraHolidays: ['2024-06-28'] });
      expect(parseDeadline('28/06/2024', province)).toMatchObject({ at: endOf('2024-07-01'), movedFrom: '2024-06-28' });
    });

    it.each([
      ['31/02/2024', /does not exist/],
      ['Tháng 13/2024', /a month is 1 to 12/],
      ['Quý V/2024', /a quarter is I, II, III or IV/],
      ['Quý 5/2024', /a quarter is I, II, III or IV/],
    ])('refuses %j, saying why', (text, message) => {
      expect(parseDeadline(text, calendar)).toMatch(message);
    });
  });

  describe('"Thường xuyên"', () => {
    it.each([['Thường xuyên'], ['thường xuyên'], ['THƯỜNG XUYÊN'], ['Thuong xuyen'], ['  Thường   xuyên ']])(
      'reads %j as an ongoing task with no deadline',
      (text) => {
        expect(parseDeadline(text, calendar)).toEqual({ kind: 'ongoing', text: text.trim() });
      },
    );
  });

  it.each([['tomorrow'], ['2024/06/30'], [''], ['Quý II']])('refuses %j, listing the forms it accepts', (text) => {
    expect(parseDeadline(text, calendar)).toMatch(/is not a deadline: expected an ISO date-time.*Thường xuyên/);
  });
});

import { describe, expect, it } from 'vitest';
import { nextSendOpening, sendWindowErrors } from '../../../src/domain/send-window.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';

const calendar = createWorkingCalendar();
const vn = (date: string, time: string): number => Date.parse(`${date}T${time}:00+07:00`);
const officeHours = { from: '07:30', to: '17:00', workingDaysOnly: true };
const everyDay = { ...officeHours, workingDaysOnly: false };

describe('the send window', () => {
  it('lets mail leave at once inside office hours', () => {
    expect(nextSendOpening(calendar, officeHours, vn('2024-03-04', '07:30'))).toBe(vn('2024-03-04', '07:30'));
    expect(nextSendOpening(calendar, officeHours, vn('2024-03-04', '16:59'))).toBe(vn('2024-03-04', '16:59'));
  });

  it('holds mail before opening until 07:30 the same day', () => {
    expect(nextSendOpening(calendar, officeHours, vn('2024-03-04', '06:00'))).toBe(vn('2024-03-04', '07:30'));
  });

  it('holds mail after closing until the next working morning', () => {
    expect(nextSendOpening(calendar, officeHours, vn('2024-03-04', '17:00'))).toBe(vn('2024-03-05', '07:30'));
    expect(nextSendOpening(calendar, officeHours, vn('2024-03-08', '18:00'))).toBe(vn('2024-03-11', '07:30'));
  });

  it('holds mail over Tết when only working days count', () => {
    expect(nextSendOpening(calendar, officeHours, vn('2024-02-07', '20:00'))).toBe(vn('2024-02-15', '07:30'));
    expect(nextSendOpening(calendar, officeHours, vn('2024-02-10', '10:00'))).toBe(vn('2024-02-15', '07:30'));
  });

  it('opens on the make-up Saturday', () => {
    expect(nextSendOpening(calendar, officeHours, vn('2024-05-03', '18:00'))).toBe(vn('2024-05-04', '07:30'));
  });

  it('opens every day when days off are not excluded', () => {
    expect(nextSendOpening(calendar, everyDay, vn('2024-02-10', '10:00'))).toBe(vn('2024-02-10', '10:00'));
    expect(nextSendOpening(calendar, everyDay, vn('2024-02-10', '18:00'))).toBe(vn('2024-02-11', '07:30'));
  });

  it('refuses a malformed window, saying what was expected', () => {
    expect(sendWindowErrors({ from: '7:30', to: '17:00', workingDaysOnly: true })).toEqual([
      'sendWindow.from is "7:30": expected a local time HH:mm such as "07:30".',
    ]);
    expect(sendWindowErrors({ from: '17:00', to: '07:30', workingDaysOnly: true })[0]).toMatch(/must be before/);
    expect(() => nextSendOpening(calendar, { from: '25:00', to: '26:00', workingDaysOnly: false }, 0)).toThrow(/HH:mm/);
  });
});

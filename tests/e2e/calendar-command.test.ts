import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox, type Da06Sandbox } from './fixtures/run-da06.js';
import { validCalendarFile } from './fixtures/calendar-cases.js';
import { validSeed } from './fixtures/seed-cases.js';

let box: Da06Sandbox;

beforeAll(async () => {
  box = await openSandbox('calendar');
  const file = join(box.dir, 'seed.yaml');
  writeFileSync(file, stringify(validSeed()));
  const r = await box.run(['seed', file]);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(async () => {
  await box?.close();
});

describe('da06 calendar YEAR', () => {
  it('prints 2026 as confirmed, with 02/01 off and Saturday 10/01 worked, each with its source', async () => {
    const r = await box.run(['calendar', '2026', '--json']);
    expect(r.stderr).toBe('');
    const year = JSON.parse(r.stdout) as { year: number; provisional: boolean; daysOff: unknown[]; makeUpWorkingDays: unknown[] };
    expect(Object.keys(year)).toEqual(['year', 'provisional', 'daysOff', 'makeUpWorkingDays']);
    expect(year).toMatchObject({ year: 2026, provisional: false });
    expect(year.daysOff).toContainEqual({ date: '2026-01-02', name: 'Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)', source: 'Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ' });
    expect(year.daysOff).toContainEqual({ date: '2026-01-01', name: 'Tết Dương lịch', source: 'Bộ luật Lao động 2019, Điều 112' });
    expect(year.makeUpWorkingDays).toEqual([{ date: '2026-01-10', name: 'Làm bù ngày 02/01/2026', source: 'Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ' }]);
  });

  it('says that a year not yet announced is provisional, and what it rests on', async () => {
    const r = await box.run(['calendar', '2027']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PROVISIONAL: the days off of 2027 are not announced yet; working days are counted from the Labour Code's fixed holidays");
    expect(r.stdout).toContain('Mon 2027-02-15  Ngày nghỉ bổ sung của tỉnh — Tệp seed của tỉnh (calendar.extraHolidays)');
  });

  it('refuses a YEAR it cannot read, with the expected form', async () => {
    const r = await box.run(['calendar', 'năm-nay']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('YEAR "năm-nay" is not a year');
  });
});

describe('da06 calendar load FILE', () => {
  it('refuses a wrong file whole, naming each field and value, and changes nothing', async () => {
    const doc = validCalendarFile();
    (doc.daysOff[1] as Record<string, unknown>).date = '2027-02-06';
    (doc.makeUpWorkingDays[0] as Record<string, unknown>).date = '2027-01-11';
    const file = join(box.dir, 'bad.yaml');
    writeFileSync(file, stringify(doc));
    const before = await box.fingerprint();
    const r = await box.run(['calendar', 'load', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2 problems found; nothing was changed');
    expect(r.stderr).toMatch(/daysOff\[1\]\.date \(line \d+\): 2027-02-06 is a Saturday/);
    expect(r.stderr).toMatch(/makeUpWorkingDays\[0\]\.date \(line \d+\): 2027-01-11 is a Monday/);
    expect(await box.fingerprint()).toBe(before);
    expect(await box.query('SELECT * FROM "CalendarDay"')).toEqual([]);
  });

  it('loads an announced schedule, after which the year is confirmed', async () => {
    const file = join(box.dir, 'lich-2027.yaml');
    writeFileSync(file, stringify(validCalendarFile()));
    const r = await box.run(['calendar', 'load', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('8 day(s) of 2027 written');
    expect(r.stdout).toContain('Working-day timers computed again for 3 running task(s)');
    const shown = JSON.parse((await box.run(['calendar', '2027', '--json'])).stdout) as { provisional: boolean; makeUpWorkingDays: unknown[] };
    expect(shown.provisional).toBe(false);
    expect(shown.makeUpWorkingDays).toEqual([{ date: '2027-01-09', name: 'Làm bù ngày 04/01/2027', source: 'Thông báo số 1234/TB-BNV ngày 15/10/2026 của Bộ Nội vụ' }]);
  });
});

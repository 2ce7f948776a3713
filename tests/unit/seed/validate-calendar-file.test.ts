import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';
import { renderProblem } from '../../../src/seed/problem-collector.js';
import { parseYamlSeed } from '../../../src/seed/read-seed-document.js';
import { validateCalendarFile } from '../../../src/seed/validate-calendar-file.js';
import { validateSeed } from '../../../src/seed/validate-seed.js';
import { validSeed } from '../../e2e/fixtures/seed-cases.js';
import { badCalendarFiles, validCalendarFile } from '../../e2e/fixtures/calendar-cases.js';

const calendar = createWorkingCalendar();

function problemsOf(doc: unknown): string[] {
  const result = validateCalendarFile(doc, { calendar });
  return result.ok ? [] : result.problems.map(renderProblem);
}

describe('validateCalendarFile', () => {
  it('accepts an announced schedule and gives each day its own source or the file’s', () => {
    const result = validateCalendarFile(validCalendarFile(), { calendar });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.schedule.year).toBe(2027);
    expect(result.schedule.days).toContainEqual({ date: '2027-02-05', kind: 'dayOff', name: 'Tết Nguyên đán', source: 'Thông báo số 1234/TB-BNV ngày 15/10/2026 của Bộ Nội vụ' });
    expect(result.schedule.days).toContainEqual({ date: '2027-09-03', kind: 'dayOff', name: 'Quốc khánh', source: 'Công văn số 99/VPCP-KGVX ngày 01/08/2027 của Văn phòng Chính phủ' });
    expect(result.schedule.days).toContainEqual(expect.objectContaining({ date: '2027-01-09', kind: 'makeUpWorkingDay' }));
  });

  it.each(badCalendarFiles)('refuses $name, naming the field and the value', ({ mutate, path, value }) => {
    const doc = validCalendarFile();
    mutate(doc);
    const problems = problemsOf(doc);
    const line = problems.find((p) => p.startsWith(path));
    expect(line, `no problem at ${path} in:\n${problems.join('\n')}`).toBeDefined();
    expect(line).toContain(value);
  });

  it('collects every problem of the file at once, with its line in YAML', () => {
    const doc = parseYamlSeed('c.yaml', 'year: 2027\ndaysOff:\n  - { date: 2027-02-06, name: Tết, source: TB 1 }\n  - { date: 2028-01-03, name: Tết, source: TB 1 }\nmakeUpWorkingDays:\n  - { date: 2027-01-11, name: Làm bù, source: TB 1 }\n');
    const result = validateCalendarFile(doc.value, { calendar, locate: doc.locate });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(renderProblem)).toEqual([
      expect.stringMatching(/^daysOff\[0\]\.date \(line 3\): 2027-02-06 is a Saturday/),
      expect.stringMatching(/^daysOff\[1\]\.date \(line 4\): 2028-01-03 is in 2028, not in the file's year 2027/),
      expect.stringMatching(/^makeUpWorkingDays\[0\]\.date \(line 6\): 2027-01-11 is a Monday/),
    ]);
  });

  it('lets a make-up Saturday be given off after all', () => {
    const doc = { year: 2026, source: 'Công văn số 7/VPCP', daysOff: [{ date: '2026-01-10', name: 'Nghỉ' }] };
    expect(validateCalendarFile(doc, { calendar }).ok).toBe(true);
  });
});

describe('the seed’s calendar block', () => {
  it('keeps the list of plain dates and reads announced days with their sources', () => {
    const doc = validSeed();
    doc.calendar = {
      extraHolidays: ['2027-02-15', { date: '2027-02-16', name: 'Nghỉ Tết bổ sung', source: 'Quyết định số 12/QĐ-UBND ngày 02/01/2027' }],
      workingDays: [{ date: '2027-02-20', name: 'Làm bù', source: 'Quyết định số 12/QĐ-UBND ngày 02/01/2027' }],
    };
    const result = validateSeed(doc, { now: Date.parse('2026-11-26T08:00:00+07:00') });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.seed.calendar.extraHolidays).toEqual(['2027-02-15']);
    expect(result.seed.calendar.announced).toEqual([
      { date: '2027-02-16', kind: 'dayOff', name: 'Nghỉ Tết bổ sung', source: 'Quyết định số 12/QĐ-UBND ngày 02/01/2027' },
      { date: '2027-02-20', kind: 'makeUpWorkingDay', name: 'Làm bù', source: 'Quyết định số 12/QĐ-UBND ngày 02/01/2027' },
    ]);
  });

  it.each([
    [{ workingDays: [{ date: '2027-02-22', name: 'Làm bù', source: 'QĐ 1' }] }, 'calendar.workingDays[0].date', '2027-02-22 is a Monday'],
    [{ extraHolidays: [{ date: '2027-02-16', name: 'Nghỉ' }] }, 'calendar.extraHolidays[0].source', 'is missing for 2027-02-16'],
    [{ extraHolidays: ['2027-02-16'], workingDays: [{ date: '2027-02-16', name: 'x', source: 'y' }] }, 'calendar.workingDays[0].date', 'either off or worked'],
    [{ extraHolidays: [42] }, 'calendar.extraHolidays[0]', 'is 42'],
  ])('refuses %j at %s', (calendarBlock, path, message) => {
    const doc = validSeed();
    doc.calendar = calendarBlock;
    const result = validateSeed(doc, { now: Date.parse('2026-11-26T08:00:00+07:00') });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = result.problems.map(renderProblem).find((p) => p.startsWith(path));
    expect(line, result.problems.map(renderProblem).join('\n')).toContain(message);
  });
});

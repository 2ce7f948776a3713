import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCalendarYear } from '../../src/domain/calendar-year.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { provinceCalendar } from '../../src/engine/province/province-calendar.js';
import { previewNotifications, type PreviewItem } from '../../src/engine/read/preview.js';
import { loadProvinceContext } from '../../src/engine/province/province-context.js';
import { warnOfProvisionalYears } from '../../src/engine/jobs/warn-provisional-years.js';
import { loadTaskPage, type TaskPageData } from '../../src/monitor/task-page-data.js';
import { taskPage } from '../../src/monitor/task-page.js';
import { SeedValidationError } from '../../src/errors.js';
import { loadCalendarFile } from '../../src/seed/load-calendar-file.js';
import { badCalendarFiles, validCalendarFile } from '../e2e/fixtures/calendar-cases.js';
import { createControlledClock } from '../support/controlled-clock.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';

const vn = (local: string): number => Date.parse(`${local}+07:00`);
const clock = createControlledClock(vn('2027-03-01T09:00:00'));
const dir = mkdtempSync(join(tmpdir(), 'da06-calendar-'));
let h: Harness;
let fileCount = 0;

const writeCalendar = (doc: unknown, ext = 'yaml'): string => {
  const file = join(dir, `calendar-${(fileCount += 1)}.${ext}`);
  writeFileSync(file, ext === 'json' ? JSON.stringify(doc) : stringify(doc));
  return file;
};
/** Everything a load may write: the announced days, the tasks, their events and timers. */
const fingerprint = async () =>
  JSON.stringify(
    await h.engine.prisma.$queryRaw`SELECT (SELECT count(*) FROM "CalendarDay")::int AS days, (SELECT count(*) FROM "TaskEvent")::int AS events,
      (SELECT string_agg(id || ':' || state || ':' || "fireAt", ',' ORDER BY id) FROM "Timer") AS timers, (SELECT sum(version)::int FROM "Task") AS versions`,
  );
const pendingReminder = async (code: string) =>
  (await h.engine.prisma.timer.findFirst({ where: { task: { code }, state: 'pending', sendId: { startsWith: 'xstate.after.untilNextReminder' } } }))?.fireAt.getTime();

beforeAll(async () => {
  h = await createHarness('calendar', {}, { now: clock.now });
  // Reminders three working days before a Friday deadline: Tuesday 16/03/2027 while 17/03 is worked.
  const policy = { ...SECONDS_POLICY, remindBefore: [{ workingDays: 3 }], escalateToChairmanAfter: { workingDays: 3 } };
  await h.addTasks([
    { code: 'RUN', deadline: vn('2027-03-19T17:00:00'), policy },
    { code: 'HELD', deadline: vn('2027-03-19T17:00:00'), policy },
  ]);
  await dispatch(h.engine, 'HELD', { type: 'SUSPENDED', at: clock.now(), reason: 'Chờ hướng dẫn' }, { actor: 'test' });
});
afterAll(async () => {
  await h?.close();
});

describe('da06 calendar load', () => {
  describe('with a file that is wrong anywhere', () => {
    it.each(badCalendarFiles)('refuses $name with the field and value, and writes nothing', async ({ mutate, path, value }) => {
      const before = await fingerprint();
      const doc = validCalendarFile();
      mutate(doc);
      const error = await loadCalendarFile(h.engine, writeCalendar(doc)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeedValidationError);
      expect((error as Error).message).toContain('nothing was changed');
      const line = (error as SeedValidationError).problems.find((p) => p.startsWith(path));
      expect(line, (error as SeedValidationError).problems.join('\n')).toContain(value);
      expect(await fingerprint()).toBe(before);
    });

    it('refuses a file that is not YAML or JSON, and a YAML syntax error with its line', async () => {
      await expect(loadCalendarFile(h.engine, join(dir, 'lich.txt'))).rejects.toThrow(/YAML \(\.yaml, \.yml\) or JSON/);
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, 'year: 2027\ndaysOff: [ { date: 2027-03-17\n');
      await expect(loadCalendarFile(h.engine, file)).rejects.toThrow(/line \d+/);
      expect(JSON.parse(await fingerprint())[0].days).toBe(0);
    });
  });

  describe('with an announced day off', () => {
    const NOTE = 'Lịch nghỉ năm 2027 chưa được công bố; ngày làm việc được tính tạm theo Bộ luật Lao động';
    let reminderBefore: number | undefined;
    let pageBefore: TaskPageData | null;
    let previewBefore: PreviewItem[];

    beforeAll(async () => {
      reminderBefore = await pendingReminder('RUN');
      pageBefore = await loadTaskPage(h.engine, 'RUN');
      previewBefore = await previewNotifications(h.engine, 30);
      expect(listCalendarYear((await provinceCalendar(h.engine.prisma)).calendar, 2027).provisional).toBe(true);
      const outcome = await loadCalendarFile(h.engine, writeCalendar({ year: 2027, source: 'Quyết định số 5/QĐ-UBND ngày 01/03/2027', daysOff: [{ date: '2027-03-17', name: 'Ngày nghỉ của tỉnh' }] }, 'json'));
      expect(outcome.changes).toHaveLength(1);
      expect(outcome.recomputed).toEqual({ recomputed: 1, skipped: [], failed: [] });
    });

    it('writes the day with its source, and the year is no longer provisional', async () => {
      expect(await h.engine.prisma.calendarDay.findMany({ select: { date: true, kind: true, name: true, source: true } })).toEqual([
        { date: '2027-03-17', kind: 'dayOff', name: 'Ngày nghỉ của tỉnh', source: 'Quyết định số 5/QĐ-UBND ngày 01/03/2027' },
      ]);
      const year = listCalendarYear((await provinceCalendar(h.engine.prisma)).calendar, 2027);
      expect(year.provisional).toBe(false);
      expect(year.daysOff).toContainEqual({ date: '2027-03-17', name: 'Ngày nghỉ của tỉnh', source: 'Quyết định số 5/QĐ-UBND ngày 01/03/2027' });
    });

    it("moves a running task's pending working-day reminder one working day earlier", async () => {
      expect(reminderBefore).toBe(vn('2027-03-16T17:00:00'));
      expect(await pendingReminder('RUN')).toBe(vn('2027-03-15T17:00:00'));
    });

    it('said, while 2027 was provisional, that the reminder counted in working days is provisional, and no longer does', async () => {
      const reminderTimer = (page: TaskPageData | null) => page?.pendingTimers.find((t) => t.sendId.includes('untilNextReminder'));
      expect(reminderTimer(pageBefore)?.provisional).toBe(NOTE);
      expect(pageBefore?.pendingTimers.find((t) => t.sendId.includes('untilDeadline'))?.provisional).toBeNull();
      expect(taskPage(pageBefore as TaskPageData)).toContain(NOTE);
      expect(previewBefore.find((i) => i.task === 'RUN' && i.kind === 'reminder')?.provisional).toBe(NOTE);

      expect(reminderTimer(await loadTaskPage(h.engine, 'RUN'))?.provisional).toBeNull();
      expect((await previewNotifications(h.engine, 30)).find((i) => i.task === 'RUN' && i.kind === 'reminder')?.provisional).toBeUndefined();
    });

    it('records the change on the task, through the one door, as the CLI', async () => {
      const events = await h.engine.prisma.taskEvent.findMany({ where: { task: { code: 'RUN' }, type: 'CALENDAR_CHANGED' } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: 'cli', channel: 'cli' });
    });

    it('makes the worker warn at start of the next year only, which is still provisional', async () => {
      const warnings: Array<{ fields: unknown; message: string }> = [];
      const logger = { ...h.engine.logger, warn: (fields: unknown, message: string) => warnings.push({ fields, message }), debug: () => {} };
      await warnOfProvisionalYears({ ...h.engine, logger: logger as never });
      expect(warnings).toEqual([{ fields: { years: [2028] }, message: expect.stringContaining('days off of 2028 are not announced yet') }]);
    });

    it('leaves a suspended task alone', async () => {
      expect(await h.engine.prisma.taskEvent.count({ where: { task: { code: 'HELD' }, type: 'CALENDAR_CHANGED' } })).toBe(0);
    });

    it('builds the new calendar once for every process, then reuses it', async () => {
      const first = await loadProvinceContext(h.engine.prisma);
      const second = await loadProvinceContext(h.engine.prisma);
      expect(first.calendar.isWorkingDate('2027-03-17')).toBe(false);
      expect(second.calendar).toBe(first.calendar);
    });

    it('changes nothing and recomputes nothing when the same file is loaded again', async () => {
      const before = await fingerprint();
      const again = await loadCalendarFile(h.engine, writeCalendar({ year: 2027, source: 'Quyết định số 5/QĐ-UBND ngày 01/03/2027', daysOff: [{ date: '2027-03-17', name: 'Ngày nghỉ của tỉnh' }] }));
      expect(again.changes).toEqual([]);
      expect(again.recomputed.recomputed).toBe(0);
      expect(await fingerprint()).toBe(before);
    });
  });
});

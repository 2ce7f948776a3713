import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOn } from '../../src/db/sql.js';
import { isDueSoon } from '../../src/domain/due-soon.js';
import type { Duration } from '../../src/domain/duration.js';
import type { WorkingCalendar } from '../../src/domain/working-calendar.js';
import { sweepDueTimers } from '../../src/engine/jobs/sweep.js';
import { loadProvinceContext } from '../../src/engine/province/province-context.js';
import { loadAttention } from '../../src/engine/read/attention.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Wednesday 27/01/2027, 09:00 in Hà Nội: the reminder windows of the weeks ahead span Tết Đinh Mùi (06/02/2027).
const T0 = Date.parse('2027-01-27T02:00:00Z');
const WINDOWS: Duration[][] = [['P7D'], [{ workingDays: 5 }], [{ workingDays: 10 }, 'P3D'], []];

/**
 * The follow-up lists read only the tasks that may be on them: the lists must be what they were when every open task
 * was read, around weekends and Tết, and with explanations asked for and not given.
 */
describe('the attention lists', () => {
  let h: Harness;
  let calendar: WorkingCalendar;
  const deadlines = new Map<string, { deadline: number; remindBefore: Duration[] }>();

  beforeAll(async () => {
    h = await createHarness('attention', {}, { now: () => T0 });
    ({ calendar } = await loadProvinceContext(h.engine.prisma));
    const tasks = WINDOWS.flatMap((remindBefore, w) =>
      Array.from({ length: 80 }, (_, k) => {
        // Every 13 hours over 43 days: morning, evening and night deadlines, working days and days off.
        const deadline = T0 + HOUR + k * 13 * HOUR;
        const code = `W${w}-${String(k).padStart(2, '0')}`;
        deadlines.set(code, { deadline, remindBefore });
        return { code, deadline, policy: { ...SECONDS_POLICY, remindBefore, escalateToChairmanAfter: 'P30D', explanationDue: { workingDays: 2 } } };
      }),
    );
    // Overdue when created: its notice to the head asks for an explanation within two working days.
    tasks.push({ code: 'LATE', deadline: T0 - DAY, policy: { ...SECONDS_POLICY, escalateToChairmanAfter: 'P30D', explanationDue: { workingDays: 2 } } });
    await h.addTasks(tasks);
    await sweepDueTimers(h.engine, null);
  });

  afterAll(async () => {
    await h?.close();
  });

  const expectedDueSoon = (now: number) =>
    [...deadlines]
      .filter(([, t]) => isDueSoon(calendar, t.deadline, t.remindBefore, now))
      .sort(([, a], [, b]) => a.deadline - b.deadline)
      .map(([code]) => code);

  it('lists every task due soon, whichever window and day, and only those', async () => {
    for (const now of [T0, T0 + 3 * DAY + 7 * HOUR, T0 + 10 * DAY, T0 + 12 * DAY + 20 * HOUR]) {
      const attention = await loadAttention(sqlOn(h.engine.pool), calendar, now);
      const expected = expectedDueSoon(now);
      expect(expected.length).toBeGreaterThan(5);
      expect(attention.dueSoon.map((t) => t.code)).toEqual(expected);
    }
  });

  it('lists an explanation once it is past due, and not before', async () => {
    const before = await loadAttention(sqlOn(h.engine.pool), calendar, T0 + HOUR);
    expect(before.explanationsMissing).toEqual([]);
    const after = await loadAttention(sqlOn(h.engine.pool), calendar, T0 + 10 * DAY);
    expect(after.explanationsMissing.map((t) => ({ code: t.code, unit: t.unitName }))).toEqual([{ code: 'LATE', unit: 'Sở Thông tin và Truyền thông' }]);
    expect(after.explanationsMissing[0]?.since).toBe(calendar.addWorkingDays(T0, 2));
  });
});

import { describe, expect, it } from 'vitest';
import { assessIndicator, isReportStale, latestReport, reportStaleFrom } from '../../../src/domain/indicator-assessment.js';
import { isBehindTrajectory, meetsTarget, plannedValueAt, type Indicator } from '../../../src/domain/indicator.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';

const calendar = createWorkingCalendar();
const vn = (date: string, time = '10:00'): number => Date.parse(`${date}T${time}:00+07:00`);
const online: Indicator = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 70, target: 95, direction: 'increase' };
const paperDays: Indicator = { name: 'Thời gian giải quyết hồ sơ', unit: 'ngày', baseline: 10, target: 4, direction: 'decrease' };
const start = vn('2024-01-01', '00:00');
const deadline = vn('2024-01-11', '00:00');
const halfway = vn('2024-01-06', '00:00');

describe('an indicator’s planned trajectory', () => {
  it('runs in a straight line from the baseline at the start to the target at the deadline', () => {
    expect(plannedValueAt(online, start, deadline, start)).toBe(70);
    expect(plannedValueAt(online, start, deadline, halfway)).toBeCloseTo(82.5);
    expect(plannedValueAt(online, start, deadline, deadline)).toBe(95);
    expect(plannedValueAt(paperDays, start, deadline, halfway)).toBeCloseTo(7);
  });

  it('stays at the baseline before the start and at the target after the deadline', () => {
    expect(plannedValueAt(online, start, deadline, start - 1)).toBe(70);
    expect(plannedValueAt(online, start, deadline, deadline + 86_400_000)).toBe(95);
  });

  describe('when the value rises toward the target', () => {
    it('is behind when the value trails the plan by more than the tolerance', () => {
      expect(isBehindTrajectory(online, start, deadline, { at: halfway, value: 80 }, 2)).toBe(true);
      expect(isBehindTrajectory(online, start, deadline, { at: halfway, value: 81 }, 2)).toBe(false);
      expect(isBehindTrajectory(online, start, deadline, { at: halfway, value: 90 }, 0)).toBe(false);
    });
  });

  describe('when the value falls toward the target (direction decrease)', () => {
    it('is behind when the value stays above the plan by more than the tolerance', () => {
      expect(isBehindTrajectory(paperDays, start, deadline, { at: halfway, value: 9.5 }, 2)).toBe(true);
      expect(isBehindTrajectory(paperDays, start, deadline, { at: halfway, value: 8.5 }, 2)).toBe(false);
      expect(isBehindTrajectory(paperDays, start, deadline, { at: halfway, value: 3 }, 0)).toBe(false);
    });

    it('meets the target at or below it', () => {
      expect(meetsTarget(paperDays, 4)).toBe(true);
      expect(meetsTarget(paperDays, 4.1)).toBe(false);
      expect(meetsTarget(online, 95)).toBe(true);
    });
  });

  describe('for an ongoing task', () => {
    it('holds the value against the target throughout', () => {
      expect(isBehindTrajectory(online, start, null, { at: start, value: 92 }, 2)).toBe(true);
      expect(isBehindTrajectory(online, start, null, { at: start, value: 93 }, 2)).toBe(false);
    });
  });
});

describe('report staleness', () => {
  it('turns stale once the window has elapsed since the last report', () => {
    const last = vn('2024-03-01');
    expect(isReportStale(last, start, vn('2024-03-30'), 'P30D', calendar)).toBe(false);
    expect(isReportStale(last, start, vn('2024-03-31'), 'P30D', calendar)).toBe(true);
    expect(reportStaleFrom(last, start, 'P30D', calendar)).toBe(vn('2024-03-31'));
  });

  it('counts from the start when nothing has been reported', () => {
    expect(isReportStale(null, start, start + 29 * 86_400_000, 'P30D', calendar)).toBe(false);
    expect(isReportStale(null, start, start + 30 * 86_400_000, 'P30D', calendar)).toBe(true);
  });

  it('counts working days across Tết when the window is in working days', () => {
    const last = vn('2024-02-07');
    expect(isReportStale(last, start, vn('2024-02-16'), { workingDays: 3 }, calendar)).toBe(false);
    expect(isReportStale(last, start, vn('2024-02-19'), { workingDays: 3 }, calendar)).toBe(true);
  });
});

describe('assessing an indicator', () => {
  const base = { indicator: online, start, deadline, tolerance: 2, reportStaleAfter: 'P30D', calendar } as const;

  it('holds the latest report against the plan at the instant assessed', () => {
    const points = [
      { at: vn('2024-01-03'), value: 75 },
      { at: vn('2024-01-05'), value: 80 },
      { at: vn('2024-01-20'), value: 99 },
    ];
    const assessment = assessIndicator({ ...base, points, at: halfway });
    expect(assessment.latest).toEqual({ at: vn('2024-01-05'), value: 80 });
    expect(assessment.planned).toBeCloseTo(82.5);
    expect(assessment.gap).toBeCloseTo(2.5);
    expect(assessment.behind).toBe(true);
    expect(assessment.stale).toBe(false);
  });

  it('reports no gap and nothing behind before the first report, only staleness', () => {
    expect(assessIndicator({ ...base, points: [], at: halfway })).toEqual({
      latest: null,
      planned: 82.5,
      gap: null,
      behind: false,
      stale: false,
    });
    expect(assessIndicator({ ...base, points: [], at: start + 31 * 86_400_000 }).stale).toBe(true);
  });

  it('judges a falling indicator the right way round', () => {
    const assessment = assessIndicator({ ...base, indicator: paperDays, points: [{ at: start, value: 5 }], at: halfway });
    expect(assessment.gap).toBeCloseTo(-2);
    expect(assessment.behind).toBe(false);
  });

  it('takes the latest report by time even when reports arrive out of order', () => {
    expect(latestReport([{ at: 3, value: 1 }, { at: 1, value: 2 }], 10)).toEqual({ at: 3, value: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { forecastAt, forecastIndicator } from '../../../src/domain/indicator-forecast.js';
import type { Indicator } from '../../../src/domain/indicator.js';

const DAY = 86_400_000;
const start = Date.parse('2024-01-01T00:00:00+07:00');
const day = (n: number): number => start + n * DAY;
const online: Indicator = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 70, target: 95, direction: 'increase' };
const paperDays: Indicator = { name: 'Thời gian giải quyết', unit: 'ngày', baseline: 10, target: 4, direction: 'decrease' };

describe('forecasting an indicator at its deadline', () => {
  it('extends the least-squares line through the reports', () => {
    const points = [
      { at: day(10), value: 72 },
      { at: day(20), value: 74 },
      { at: day(30), value: 76 },
    ];
    expect(forecastAt(points, day(100))).toBeCloseTo(90);
  });

  it('fits noisy reports by least squares, not through the last two', () => {
    const points = [
      { at: day(0), value: 1 },
      { at: day(1), value: 3 },
      { at: day(2), value: 2 },
    ];
    // Slope 0.5 per day, mean 2 at day 1.
    expect(forecastAt(points, day(5))).toBeCloseTo(4);
  });

  it('with one report, draws the line from the baseline at the start', () => {
    const forecast = forecastIndicator(online, start, [{ at: day(10), value: 75 }], day(40));
    expect(forecast?.value).toBeCloseTo(90);
    expect(forecast?.meetsTarget).toBe(false);
  });

  it('forecasts a falling indicator and says when it will meet its target', () => {
    const forecast = forecastIndicator(paperDays, start, [{ at: day(10), value: 8 }, { at: day(20), value: 6 }], day(30));
    expect(forecast?.value).toBeCloseTo(4);
    expect(forecast?.meetsTarget).toBe(true);
  });

  it('never forecasts a percentage above 100 or a count below 0', () => {
    expect(forecastIndicator(online, start, [{ at: day(1), value: 90 }], day(365))?.value).toBe(100);
    expect(forecastIndicator(paperDays, start, [{ at: day(1), value: 5 }], day(365))?.value).toBe(0);
  });

  it('uses the mean when every report is at the same instant', () => {
    expect(forecastAt([{ at: day(3), value: 4 }, { at: day(3), value: 6 }], day(9))).toBe(5);
  });

  it('has nothing to forecast without a report', () => {
    expect(forecastAt([], day(9))).toBeNull();
    expect(forecastIndicator(online, start, [], day(9))).toBeNull();
  });

  it('keeps a single report flat when there is no origin', () => {
    expect(forecastAt([{ at: day(3), value: 4 }], day(9))).toBe(4);
  });
});

import { meetsTarget, type Indicator, type ProgressPoint } from './indicator.js';

/** Options of `forecastAt`: a second point for a single report, and bounds the forecast cannot leave. */
export interface ForecastOptions {
  /** Used as a second point when only one report exists (the baseline at the start). */
  origin?: ProgressPoint;
  min?: number;
  max?: number;
}

/** A forecast of an indicator at its deadline, and whether that would reach the target. */
export interface IndicatorForecast {
  value: number;
  meetsTarget: boolean;
}

/**
 * The value a least-squares straight line through the reports reaches at `deadline`, clamped to
 * [min, max]; with one report the line runs through `origin` too; null when there is nothing to fit.
 */
export function forecastAt(points: readonly ProgressPoint[], deadline: number, options: ForecastOptions = {}): number | null {
  const fitted = points.length === 1 && options.origin ? [options.origin, ...points] : points;
  if (fitted.length === 0) return null;
  const value = fitted.length === 1 ? (fitted[0] as ProgressPoint).value : linearFitAt(fitted, deadline);
  return Math.min(options.max ?? Infinity, Math.max(options.min ?? -Infinity, value));
}

/**
 * Forecasts an indicator at its deadline from its reports, anchoring a single report on the baseline at
 * `start`; a forecast never goes below 0 when baseline and target are not negative, nor above 100 for a
 * percentage.
 */
export function forecastIndicator(
  indicator: Indicator,
  start: number,
  points: readonly ProgressPoint[],
  deadline: number,
): IndicatorForecast | null {
  const nonNegative = indicator.baseline >= 0 && indicator.target >= 0;
  const options: ForecastOptions = { origin: { at: start, value: indicator.baseline } };
  if (nonNegative) options.min = 0;
  if (indicator.unit.trim() === '%') options.max = 100;
  const value = forecastAt(points, deadline, options);
  return value === null ? null : { value, meetsTarget: meetsTarget(indicator, value) };
}

function linearFitAt(points: readonly ProgressPoint[], at: number): number {
  // Centre time on the first report: epoch milliseconds squared lose precision in doubles.
  const t0 = (points[0] as ProgressPoint).at;
  const n = points.length;
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    sumX += p.at - t0;
    sumY += p.value;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = p.at - t0 - meanX;
    sxx += dx * dx;
    sxy += dx * (p.value - meanY);
  }
  // All reports at one instant: no slope to speak of, the mean is the best estimate.
  if (sxx === 0) return meanY;
  return meanY + (sxy / sxx) * (at - t0 - meanX);
}

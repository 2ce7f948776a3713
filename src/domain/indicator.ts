/**
 * A measured indicator (chỉ tiêu) and its planned trajectory: a straight line from the baseline at the
 * task's start to the target at its deadline. Assessment (staleness, gap) lives in
 * `indicator-assessment.ts`, the forecast in `indicator-forecast.ts`.
 */
export interface Indicator {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  direction: 'increase' | 'decrease';
}

/** One reported value of an indicator (báo cáo tiến độ). */
export interface ProgressPoint {
  at: number;
  value: number;
}

/** The planned value at `at`: a straight line from baseline at `start` to target at `deadline`, clamped. */
export function plannedValueAt(indicator: Indicator, start: number, deadline: number, at: number): number {
  if (deadline <= start || at >= deadline) return indicator.target;
  if (at <= start) return indicator.baseline;
  const share = (at - start) / (deadline - start);
  return indicator.baseline + (indicator.target - indicator.baseline) * share;
}

/** How far `value` is behind `planned` in the indicator's direction (positive = behind, negative = ahead). */
export function shortfall(indicator: Indicator, planned: number, value: number): number {
  return indicator.direction === 'increase' ? planned - value : value - planned;
}

/** True when `value` is behind the plan at `at` by more than `tolerance` points, in the indicator's direction. */
export function isBehindTrajectory(
  indicator: Indicator,
  start: number,
  deadline: number | null,
  point: ProgressPoint,
  tolerance: number,
): boolean {
  const planned = deadline === null ? indicator.target : plannedValueAt(indicator, start, deadline, point.at);
  return shortfall(indicator, planned, point.value) > tolerance;
}

/** True when `value` reaches the target in the indicator's direction. */
export function meetsTarget(indicator: Indicator, value: number): boolean {
  return indicator.direction === 'increase' ? value >= indicator.target : value <= indicator.target;
}

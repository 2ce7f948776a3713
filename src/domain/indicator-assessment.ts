import { addDuration, type Duration } from './duration.js';
import { plannedValueAt, shortfall, type Indicator, type ProgressPoint } from './indicator.js';
import type { WorkingCalendar } from './working-calendar.js';

/** Where an indicator stands at an instant: its latest report, the plan, the gap and the two warnings. */
export interface IndicatorAssessment {
  /** The latest report at or before the instant, or null when none has been made. */
  latest: ProgressPoint | null;
  /** The planned value at the instant (the target for an ongoing task). */
  planned: number;
  /** How far the latest value is behind the plan, in points (negative = ahead), or null without a report. */
  gap: number | null;
  /** True when the gap at `at` exceeds the tolerance (the same rule as `isBehindTrajectory`, at `at`). */
  behind: boolean;
  /** True when no report has come for `reportStaleAfter`. */
  stale: boolean;
}

/** What `assessIndicator` needs to know about a task. */
export interface IndicatorAssessmentInput {
  indicator: Indicator;
  start: number;
  /** null for an ongoing task, whose plan is the target throughout. */
  deadline: number | null;
  points: readonly ProgressPoint[];
  at: number;
  tolerance: number;
  reportStaleAfter: Duration;
  calendar: WorkingCalendar;
}

/** The instant from which the indicator counts as stale: `reportStaleAfter` after the last report, or after the start. */
export function reportStaleFrom(
  lastReportAt: number | null,
  start: number,
  reportStaleAfter: Duration,
  calendar: WorkingCalendar,
): number {
  return addDuration(calendar, lastReportAt ?? start, reportStaleAfter);
}

/** True when, at `at`, `reportStaleAfter` has fully elapsed since the last report (or since the start without one). */
export function isReportStale(
  lastReportAt: number | null,
  start: number,
  at: number,
  reportStaleAfter: Duration,
  calendar: WorkingCalendar,
): boolean {
  return at >= reportStaleFrom(lastReportAt, start, reportStaleAfter, calendar);
}

/** The latest report made at or before `at` (reports may arrive out of order), or null. */
export function latestReport(points: readonly ProgressPoint[], at: number): ProgressPoint | null {
  let latest: ProgressPoint | null = null;
  for (const point of points) {
    if (point.at <= at && (latest === null || point.at >= latest.at)) latest = point;
  }
  return latest;
}

/** Assesses an indicator at `at`: latest report, planned value, gap, behind the trajectory, stale. */
export function assessIndicator(input: IndicatorAssessmentInput): IndicatorAssessment {
  const { indicator, start, deadline, at } = input;
  const latest = latestReport(input.points, at);
  const planned = deadline === null ? indicator.target : plannedValueAt(indicator, start, deadline, at);
  const stale = isReportStale(latest?.at ?? null, start, at, input.reportStaleAfter, input.calendar);
  if (latest === null) return { latest, planned, gap: null, behind: false, stale };
  // The latest value is held against the plan at `at`, not at the report's time: a value reported weeks
  // ago that has not moved since falls behind as the plan moves on.
  const gap = shortfall(indicator, planned, latest.value);
  return { latest, planned, gap, behind: gap > input.tolerance, stale };
}

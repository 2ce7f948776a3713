import type { Duration } from '../../domain/duration.js';
import { provisionalYearAt } from '../../domain/provisional-year.js';
import type { WorkingCalendar } from '../../domain/working-calendar.js';
import { answerDelay, type TaskPolicy } from '../../../workflows/task-policy.js';
import { delayNameOf } from '../write/interpret-actions.js';

// The policy durations behind each of the machine's delays (workflows/task-machine.ts, `delays`). The deadline's
// own delay is absent: a deadline is a date, never a count of working days.
const DURATIONS_OF_DELAY: Record<string, (policy: TaskPolicy) => readonly Duration[]> = {
  untilNextReminder: (p) => p.remindBefore,
  untilKpiCheck: (p) => [p.kpiCheckEvery],
  untilHeadEscalation: (p) => [p.escalateToHeadAfter],
  untilChairmanEscalation: (p) => [p.escalateToChairmanAfter],
  untilAcknowledgementLapses: (p) => [p.acknowledgementHolds],
  untilRepeat: (p) => [p.repeatEvery],
  untilObstacleEscalation: (p) => [answerDelay(p, 'obstacleEscalateAfter')],
  untilConfirmationReminder: (p) => [answerDelay(p, 'confirmationDue')],
};


/**
 * The year whose days off are not announced yet, when the wake-up at `at` is counted in working days under
 * `policy` (or held for a working day by `sendWindowWorkingDaysOnly`) and falls in that year; otherwise null.
 */
export function provisionalWorkingDayYear(calendar: WorkingCalendar, policy: TaskPolicy, timerId: string, at: number, sendWindowWorkingDaysOnly = false): number | null {
  const durations = DURATIONS_OF_DELAY[delayNameOf(timerId)]?.(policy) ?? [];
  const inWorkingDays = sendWindowWorkingDaysOnly || durations.some((d) => typeof d === 'object');
  return inWorkingDays ? provisionalYearAt(calendar, at) : null;
}

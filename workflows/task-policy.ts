import type { Duration } from '../src/domain/duration.js';

/** Office hours in which email may leave; outside them it waits for the next opening. */
export interface SendWindow {
  from: string; // "07:30", local time
  to: string; // "17:00"
  workingDaysOnly: boolean;
}

/** The escalation rules a task runs under; each task keeps its own copy. */
export interface TaskPolicy {
  remindBefore: Duration[];
  escalateToHeadAfter: Duration;
  escalateToChairmanAfter: Duration;
  acknowledgementHolds: Duration;
  repeatEvery: Duration;
  kpiCheckEvery: Duration;
  reportStaleAfter: Duration;
  kpiTolerance: number;
  /** An overdue or underperforming notice asks the unit to explain itself within this delay (default 3 working days). */
  explanationDue?: Duration;
  /** An obstacle still open after this delay is brought to the chairman. */
  obstacleEscalateAfter?: Duration;
  /** A completion waiting this long for confirmation is brought to the standing agency again. */
  confirmationDue?: Duration;
  sendWindow?: SendWindow;
  /** Extra addresses copied on every escalation of tasks under this policy. */
  cc?: string[];
}

/** The delays of the unit's answers, for a policy (or a task started before they existed) that names none. */
export const ANSWER_DELAYS = {
  explanationDue: { workingDays: 3 },
  obstacleEscalateAfter: { workingDays: 5 },
  confirmationDue: { workingDays: 3 },
} as const satisfies Required<Pick<TaskPolicy, 'explanationDue' | 'obstacleEscalateAfter' | 'confirmationDue'>>;

/** A delay of the unit's answers under `policy`, or its default. */
export function answerDelay(policy: TaskPolicy, name: keyof typeof ANSWER_DELAYS): Duration {
  return policy[name] ?? ANSWER_DELAYS[name];
}

/** The policy a task gets when neither it nor the seed file names one. */
export const defaultPolicy: TaskPolicy = {
  remindBefore: ['P7D', { workingDays: 1 }],
  escalateToHeadAfter: 'PT0S',
  escalateToChairmanAfter: { workingDays: 3 },
  acknowledgementHolds: { workingDays: 5 },
  repeatEvery: 'P7D',
  kpiCheckEvery: 'P7D',
  reportStaleAfter: 'P30D',
  kpiTolerance: 2,
  ...ANSWER_DELAYS,
};

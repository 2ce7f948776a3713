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
  sendWindow?: SendWindow;
  /** Extra addresses copied on every escalation of tasks under this policy. */
  cc?: string[];
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
};

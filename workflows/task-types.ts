import type { Indicator, ProgressPoint } from '../src/domain/indicator.js';
import type { UnitKind } from '../src/domain/unit-kind.js';
import type { TaskPolicy } from './task-policy.js';

export type { UnitKind } from '../src/domain/unit-kind.js';

/** What a task is created with; every instant is epoch milliseconds. */
export interface TaskInput {
  code: string;
  unitKind: UnitKind;
  start: number;
  /** null = an ongoing task ("Thường xuyên"): never overdue, still checked on its indicator. */
  deadline: number | null;
  policy: TaskPolicy;
  indicator: Indicator | null;
  /** The instant the task is created. */
  at: number;
}

/** People's events; each carries `at`, the instant it happened. */
export type TaskEvent =
  | { type: 'PROGRESS_REPORTED'; at: number; value: number; note?: string; by?: string }
  | { type: 'COMPLETED'; at: number }
  /** The unit's account of a lag (giải trình): why, what it will do, by when (`YYYY-MM-DD`, local). */
  | { type: 'EXPLANATION_GIVEN'; at: number; cause: string; remedy: string; commitDate: string; by: string }
  /** An obstacle the unit raises to the province (vướng mắc); the machine numbers it `<code>-V<n>`. */
  | { type: 'OBSTACLE_RAISED'; at: number; description: string; needs: string | null; by: string }
  /** The province's answer to an open obstacle. */
  | { type: 'OBSTACLE_RESOLVED'; at: number; id: string; response: string; by: string }
  /** The unit reports the task done; it waits for the province to confirm. */
  | { type: 'COMPLETION_SUBMITTED'; at: number; document: string | null; note: string | null; by: string }
  /** The province confirms a submitted completion: completed as of the submission. */
  | { type: 'COMPLETION_CONFIRMED'; at: number; by: string }
  /** The province sends a submitted completion back: the clock and the ladder go on. */
  | { type: 'COMPLETION_RETURNED'; at: number; reason: string; by: string }
  /** The province's calendar changed: pending working-day timers are computed again. */
  | { type: 'CALENDAR_CHANGED'; at: number }
  /**
   * The task passed to another unit (a merger, a split, the seed naming another unit): the clock and the
   * escalation level stay as they were; `unitKind` is the new unit's.
   */
  | { type: 'REASSIGNED'; at: number; from: string; to: string; unitKind: UnitKind; document: string | null }
  | { type: 'ACKNOWLEDGED'; at: number; by: string }
  | { type: 'DEADLINE_EXTENDED'; at: number; deadline: number | null; reason: string; document?: string; force?: boolean }
  | { type: 'SUSPENDED'; at: number; reason: string }
  | { type: 'RESUMED'; at: number }
  | { type: 'CANCELLED'; at: number; reason: string }
  | { type: 'POLICY_CHANGED'; at: number; policy: TaskPolicy };

export type TaskEventType = TaskEvent['type'];

/** A delayed transition fed back by the engine: the raised event plus the instant it was scheduled to fire. */
export interface TimerFiredEvent {
  type: `xstate.after.${string}`;
  at: number;
}

export type NotificationKind =
  | 'reminder'
  | 'overdue'
  | 'underperforming'
  | 'escalation'
  | 'repeat'
  | 'resolved'
  | 'obstacle'
  | 'obstacle-resolved'
  | 'confirmation'
  | 'returned';
export type NotificationLevel = 'unit' | 'head' | 'chairman';
/** Who receives a notice, as roles the engine resolves to addresses (an empty role is dropped). */
export type RecipientRole = 'head' | 'contacts' | 'chairman' | 'standingAgency' | 'coordinatingUnits' | 'policyCc';

/** Params of the one declarative `notify` action; `to` is never empty. */
export interface NotifyParams {
  kind: NotificationKind;
  level: NotificationLevel;
  to: RecipientRole[];
  cc: RecipientRole[];
  note?: string;
  /** What the notice is about inside the task, e.g. the obstacle's id `HG-01-V1`. */
  ref?: string;
}

export type EscalationLevel = 'none' | 'head' | 'chairman';
export type BreachKind = 'overdue' | 'underperforming';

/** A breach: the task turned overdue or underperforming at `at`. */
export interface Breach {
  kind: BreachKind;
  at: number;
}

/** Where the escalation ladder stands; every instant is shifted by the time spent suspended. */
export interface EscalationState {
  level: EscalationLevel;
  /** When the head was first told about the open breach. */
  headAt: number | null;
  /** The last notice above unit level (head, chairman or repeat); repeats count from it. */
  lastNoticeAt: number | null;
  /** The chairman is held off until then (acknowledgement at head level). */
  acknowledgedUntil: number | null;
  acknowledgedBy: string | null;
  /** The breach kind the current level was last told about. */
  announcedKind: BreachKind | null;
  /** Everyone told at head or chairman level since the last resolve; they get the `resolved` notice. */
  told: RecipientRole[];
}

/** An explanation (giải trình) the unit gave. */
export interface Explanation {
  at: number;
  by: string;
  cause: string;
  remedy: string;
  /** The date the unit promises, `YYYY-MM-DD` local. */
  commitDate: string;
}

/** An obstacle (vướng mắc) raised to the province, and its answer once given. */
export interface Obstacle {
  id: string;
  raisedAt: number;
  by: string;
  description: string;
  needs: string | null;
  state: 'open' | 'resolved';
  /** The chairman was copied because it stayed open past `obstacleEscalateAfter`. */
  escalated: boolean;
  response: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

/** A completion the unit reported, waiting for the province's confirmation. */
export interface Submission {
  at: number;
  by: string;
  document: string | null;
  note: string | null;
}

/** The machine's context: plain JSON, instants as epoch milliseconds. */
export interface TaskContext {
  code: string;
  unitKind: UnitKind;
  start: number;
  deadline: number | null;
  policy: TaskPolicy;
  indicator: Indicator | null;
  createdAt: number;
  /** Reminders due at or before this instant are sent or skipped. */
  reminderCursor: number;
  /** The latest progress reports, newest last, at most `MAX_REPORTS`. */
  reports: ProgressPoint[];
  /** Reporting staleness counts from here: the latest report, or the start (shifted by suspensions). */
  staleFrom: number;
  /** The next KPI check counts from here. */
  kpiCheckFrom: number;
  /** The last assessment: indicator behind trajectory or reports stale. */
  behind: boolean;
  /** The breach being escalated now, if any. */
  openBreach: Breach | null;
  /** Every breach ever recorded; an extension never erases one. */
  breaches: Breach[];
  escalation: EscalationState;
  suspendedAt: number | null;
  suspendedReason: string | null;
  /** Total time spent suspended, in milliseconds. */
  suspendedMs: number;
  completedAt: number | null;
  completedLate: boolean | null;
  cancelledReason: string | null;
  /** Every explanation given, oldest first. */
  explanations: Explanation[];
  /** Every obstacle raised, oldest first. */
  obstacles: Obstacle[];
  /** The completion waiting for confirmation, or null. */
  submission: Submission | null;
  /** When the completion waiting for confirmation was last brought to the standing agency. */
  confirmationAskedAt: number | null;
  /** An explanation is asked for by then (set by an overdue or underperforming notice), or null. */
  explanationDueAt: number | null;
  /** Why the last submitted completion was returned, or null. */
  returnedReason: string | null;
}

export const MAX_REPORTS = 20;

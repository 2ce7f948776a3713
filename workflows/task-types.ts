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
  | { type: 'PROGRESS_REPORTED'; at: number; value: number }
  | { type: 'COMPLETED'; at: number }
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

export type NotificationKind = 'reminder' | 'overdue' | 'underperforming' | 'escalation' | 'repeat' | 'resolved';
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
}

export const MAX_REPORTS = 20;

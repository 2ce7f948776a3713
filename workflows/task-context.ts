import { addDuration, subtractDuration } from '../src/domain/duration.js';
import { isBehindTrajectory } from '../src/domain/indicator.js';
import type { WorkingCalendar } from '../src/domain/working-calendar.js';
import { MAX_REPORTS } from './task-types.js';
import { answerDelay } from './task-policy.js';
import type { BreachKind, Explanation, Obstacle, TaskContext, TaskInput } from './task-types.js';

/** The first context of a task created from `input`, assessed at its creation instant. */
export function createTaskContext(calendar: WorkingCalendar, input: TaskInput): TaskContext {
  const context: TaskContext = {
    code: input.code,
    unitKind: input.unitKind,
    start: input.start,
    deadline: input.deadline,
    policy: structuredClone(input.policy),
    indicator: input.indicator === null ? null : { ...input.indicator },
    createdAt: input.at,
    reminderCursor: input.at,
    reports: [],
    staleFrom: input.start,
    kpiCheckFrom: input.at,
    behind: false,
    openBreach: null,
    breaches: [],
    escalation: {
      level: 'none',
      headAt: null,
      lastNoticeAt: null,
      acknowledgedUntil: null,
      acknowledgedBy: null,
      announcedKind: null,
      told: [],
    },
    suspendedAt: null,
    suspendedReason: null,
    suspendedMs: 0,
    completedAt: null,
    completedLate: null,
    cancelledReason: null,
    ...NO_ANSWERS,
  };
  return { ...context, behind: isBehind(calendar, context, input.at) };
}

/** The unit's answers a new task starts with (and a task of machine version 1 is migrated to). */
export const NO_ANSWERS = {
  explanations: [],
  obstacles: [],
  submission: null,
  confirmationAskedAt: null,
  explanationDueAt: null,
  returnedReason: null,
} as const satisfies Pick<
  TaskContext,
  'explanations' | 'obstacles' | 'submission' | 'confirmationAskedAt' | 'explanationDueAt' | 'returnedReason'
>;

/** The id the next obstacle of a task gets: `<code>-V<n>`, numbered from 1. */
export function nextObstacleId(context: TaskContext): string {
  return `${context.code}-V${context.obstacles.length + 1}`;
}

/** The open obstacle with that id, or undefined. */
export function openObstacle(context: TaskContext, id: string): Obstacle | undefined {
  return context.obstacles.find((o) => o.id === id && o.state === 'open');
}

/** Open obstacles not yet brought to the chairman, each with the instant it is due to be, oldest first. */
export function obstaclesPendingEscalation(calendar: WorkingCalendar, context: TaskContext): { obstacle: Obstacle; dueAt: number }[] {
  const after = answerDelay(context.policy, 'obstacleEscalateAfter');
  return context.obstacles
    .filter((o) => o.state === 'open' && !o.escalated)
    .map((obstacle) => ({ obstacle, dueAt: addDuration(calendar, obstacle.raisedAt, after) }));
}

/** The instant the chairman is to be copied on the oldest open obstacle not yet brought to them, or null. */
export function nextObstacleEscalationAt(calendar: WorkingCalendar, context: TaskContext): number | null {
  const pending = obstaclesPendingEscalation(calendar, context);
  return pending.length === 0 ? null : Math.min(...pending.map((p) => p.dueAt));
}

/** The latest explanation given since the open breach began (an older one explained an earlier lag), or null. */
export function explanationOfBreach(context: TaskContext): Explanation | null {
  const since = context.openBreach?.at ?? Number.NEGATIVE_INFINITY;
  const latest = context.explanations.at(-1);
  return latest !== undefined && latest.at >= since ? latest : null;
}

/** The instant an event happened: its `at`, or the creation instant for XState's init event. */
export function instantOf(event: { type: string }): number {
  const at = (event as { at?: unknown }).at;
  if (typeof at === 'number' && Number.isFinite(at)) return at;
  const input = (event as { input?: { at?: unknown } }).input;
  if (event.type === 'xstate.init' && typeof input?.at === 'number') return input.at;
  throw new Error(
    `Event "${event.type}" carries no \`at\`: every event sent to a task must carry the instant it happened, in epoch milliseconds.`,
  );
}

/** Milliseconds from `now` until `target`, never negative. */
export function delayUntil(target: number, now: number): number {
  return Math.max(0, target - now);
}

/** True when the indicator lags behind its trajectory by more than the tolerance, or reports are stale at `now`. */
export function isBehind(calendar: WorkingCalendar, context: TaskContext, now: number): boolean {
  const { indicator, policy } = context;
  if (indicator === null) return false;
  if (addDuration(calendar, context.staleFrom, policy.reportStaleAfter) <= now) return true;
  const latest = context.reports.at(-1);
  if (latest === undefined) return false;
  return isBehindTrajectory(indicator, context.start, context.deadline, latest, policy.kpiTolerance);
}

/** The context with a progress report recorded (kept in time order, at most `MAX_REPORTS`). */
export function withReport(context: TaskContext, at: number, value: number): TaskContext {
  const reports = [...context.reports, { at, value }].sort((a, b) => a.at - b.at).slice(-MAX_REPORTS);
  return { ...context, reports, staleFrom: Math.max(context.staleFrom, at) };
}

/** The instants reminders are due for the current deadline, ascending, without duplicates. */
export function reminderInstants(calendar: WorkingCalendar, context: TaskContext): number[] {
  const { deadline } = context;
  if (deadline === null) return [];
  const instants = context.policy.remindBefore.map((d) => subtractDuration(calendar, deadline, d));
  return [...new Set(instants)].filter((t) => t < deadline).sort((a, b) => a - b);
}

/** The next reminder still to send (after the cursor), or null. */
export function nextReminderAt(calendar: WorkingCalendar, context: TaskContext): number | null {
  return reminderInstants(calendar, context).find((t) => t > context.reminderCursor) ?? null;
}

/**
 * The context with a breach of `kind` open at `at`. A breach already open keeps its start (escalation goes on);
 * the history gains an entry each time the kind changes, so an extension can never erase one.
 */
export function withBreach(context: TaskContext, kind: BreachKind, at: number): TaskContext {
  const open = context.openBreach;
  if (open?.kind === kind) return context;
  return {
    ...context,
    openBreach: { kind, at: open?.at ?? at },
    breaches: [...context.breaches, { kind, at }],
  };
}

/**
 * The context as it resumes at `now`: every running instant moves by the time spent suspended, so the clock
 * reads as if it had stopped. An instant reached while suspended restarts at `now`.
 */
export function resumedAt(context: TaskContext, now: number): TaskContext {
  const since = context.suspendedAt ?? now;
  const shift = Math.max(0, now - since);
  const moved = (t: number): number => t + (now - Math.max(t, since));
  const movedOrNull = (t: number | null): number | null => (t === null ? null : moved(t));
  const { escalation, openBreach } = context;
  return {
    ...context,
    deadline: context.deadline === null ? null : context.deadline + shift,
    reminderCursor: moved(context.reminderCursor),
    staleFrom: moved(context.staleFrom),
    kpiCheckFrom: moved(context.kpiCheckFrom),
    openBreach: openBreach === null ? null : { ...openBreach, at: moved(openBreach.at) },
    escalation: {
      ...escalation,
      headAt: movedOrNull(escalation.headAt),
      lastNoticeAt: movedOrNull(escalation.lastNoticeAt),
      acknowledgedUntil: movedOrNull(escalation.acknowledgedUntil),
    },
    suspendedAt: null,
    suspendedReason: null,
    suspendedMs: context.suspendedMs + shift,
  };
}

import { provisionalYearNote } from '../domain/provisional-year.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import { provinceCalendar } from '../engine/province/province-calendar.js';
import { provisionalWorkingDayYear } from '../engine/province/working-day-wake-up.js';
import type { Indicator } from '../domain/indicator.js';
import type { TaskContext } from '../../workflows/task-types.js';
import { taskContextOf } from './task-context-of.js';
import { taskFactsOf, type TaskFacts } from './task-facts.js';

/** One line of a task's timeline: an audit event or an email. */
export type TimelineEntry =
  | { kind: 'event'; at: number; type: string; actor: string | null; from: string; to: string; payload: unknown }
  | {
      kind: 'email';
      at: number;
      notice: string;
      to: string[];
      cc: string[];
      subject: string;
      status: string;
      attempts: number;
      sentAt: number | null;
      lastError: string | null;
    };

/** What the task page shows, read from PostgreSQL; null when there is no such task. */
export interface TaskPageData extends TaskFacts {
  completedAt: number | null;
  indicator: Indicator | null;
  reports: { at: number; value: number }[];
  context: TaskContext | null;
  timeline: TimelineEntry[];
  /** Pending wake-ups; `provisional` says when one is counted in working days of a year not yet announced. */
  pendingTimers: { sendId: string; fireAt: number; provisional: string | null }[];
  timeZone: string;
  now: number;
}

/** Loads one task with its audit events, emails, reports and pending wake-ups, oldest first. */
export async function loadTaskPage(deps: EngineDeps, code: string): Promise<TaskPageData | null> {
  const [task, province] = await Promise.all([
    deps.prisma.task.findUnique({
      where: { code },
      include: {
        unit: { select: { code: true, name: true } },
        events: { orderBy: { id: 'asc' } },
        notifications: { orderBy: { id: 'asc' } },
        reports: { orderBy: { at: 'asc' } },
        timers: { where: { state: 'pending' }, orderBy: { fireAt: 'asc' } },
      },
    }),
    provinceCalendar(deps.prisma),
  ]);
  if (!task) return null;
  const context = taskContextOf(task);
  const timeline: TimelineEntry[] = [
    ...task.events.map((e) => ({
      kind: 'event' as const,
      at: e.at.getTime(),
      type: e.type,
      actor: e.actor,
      from: e.fromState,
      to: e.toState,
      payload: e.payload,
    })),
    ...task.notifications.map((n) => ({
      kind: 'email' as const,
      at: n.createdAt.getTime(),
      notice: n.kind,
      to: n.recipients,
      cc: n.cc,
      subject: n.subject,
      status: n.status,
      attempts: n.attempts,
      sentAt: n.sentAt?.getTime() ?? null,
      lastError: n.lastError,
    })),
  ];
  // An email is decided by the event that precedes it; on a tie the event comes first.
  timeline.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));
  return {
    ...taskFactsOf(task),
    completedAt: task.completedAt?.getTime() ?? null,
    indicator: (task.indicator as Indicator | null) ?? null,
    reports: task.reports.map((r) => ({ at: r.at.getTime(), value: r.value })),
    context,
    timeline,
    pendingTimers: task.timers.map((t) => {
      const year = context ? provisionalWorkingDayYear(province.calendar, context.policy, t.sendId, t.fireAt.getTime()) : null;
      return { sendId: t.sendId, fireAt: t.fireAt.getTime(), provisional: year === null ? null : provisionalYearNote(year) };
    }),
    timeZone: province.calendar.timeZone,
    now: deps.now(),
  };
}

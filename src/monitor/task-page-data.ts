import type { EngineDeps } from '../engine/engine-deps.js';
import type { Indicator } from '../domain/indicator.js';
import type { TaskContext } from '../../workflows/task-types.js';
import { taskContextOf } from './task-context-of.js';

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
export interface TaskPageData {
  code: string;
  title: string;
  unit: { code: string; name: string };
  document: string | null;
  state: string;
  statusClass: string;
  escalationLevel: string;
  underperforming: boolean;
  start: number;
  deadline: number | null;
  deadlineText: string | null;
  completedAt: number | null;
  indicator: Indicator | null;
  reports: { at: number; value: number }[];
  context: TaskContext | null;
  timeline: TimelineEntry[];
  pendingTimers: { sendId: string; fireAt: number }[];
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
    deps.prisma.province.findUnique({ where: { id: 1 }, select: { timeZone: true } }),
  ]);
  if (!task) return null;
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
    code: task.code,
    title: task.title,
    unit: task.unit,
    document: task.document,
    state: task.state,
    statusClass: task.statusClass,
    escalationLevel: task.escalationLevel,
    underperforming: task.underperforming,
    start: task.startAt.getTime(),
    deadline: task.deadline?.getTime() ?? null,
    deadlineText: task.deadlineText,
    completedAt: task.completedAt?.getTime() ?? null,
    indicator: (task.indicator as Indicator | null) ?? null,
    reports: task.reports.map((r) => ({ at: r.at.getTime(), value: r.value })),
    context: taskContextOf(task.snapshot),
    timeline,
    pendingTimers: task.timers.map((t) => ({ sendId: t.sendId, fireAt: t.fireAt.getTime() })),
    timeZone: province?.timeZone ?? 'Asia/Ho_Chi_Minh',
    now: deps.now(),
  };
}

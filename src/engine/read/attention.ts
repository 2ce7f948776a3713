/**
 * What a chairman reads first, beside the status classes: tasks due soon, explanations asked for and not
 * given in time, obstacles still open (with their age), completions waiting for the province. Read-only; the
 * overview and the digest show the same lists.
 */
import { isDueSoon } from '../../domain/due-soon.js';
import type { Duration } from '../../domain/duration.js';
import type { WorkingCalendar } from '../../domain/working-calendar.js';
import type { db } from '../../db/prisma.js';
import type { TaskContext } from '../../../workflows/task-types.js';

type Reader = Pick<db.Prisma.TransactionClient, 'task'>;

/** A task in one of the attention lists. */
export interface AttentionTask {
  code: string;
  title: string;
  unitName: string;
  deadline: number | null;
  /** Due soon: the deadline; explanation missing: when it was due; awaiting confirmation: when it was submitted. */
  since: number | null;
  by?: string;
}

/** An obstacle still open. */
export interface OpenObstacle {
  id: string;
  code: string;
  title: string;
  unitName: string;
  description: string;
  needs: string | null;
  raisedAt: number;
  /** Working days since it was raised. */
  ageWorkingDays: number;
  /** The chairman has been told it stays open. */
  escalated: boolean;
}

export interface Attention {
  dueSoon: AttentionTask[];
  explanationsMissing: AttentionTask[];
  openObstacles: OpenObstacle[];
  awaitingConfirmation: AttentionTask[];
}

/** Only these states can be due soon, owe an explanation or hold an open obstacle. */
const OPEN_STATES = ['active.onTrack', 'active.atRisk', 'overdue', 'suspended', 'awaitingConfirmation'];

/** The attention lists as of `now`, each ordered most urgent first. */
export async function loadAttention(reader: Reader, calendar: WorkingCalendar, now: number): Promise<Attention> {
  const tasks = await reader.task.findMany({
    where: { state: { in: OPEN_STATES } },
    select: { code: true, title: true, state: true, deadline: true, policy: true, snapshot: true, unit: { select: { name: true } } },
    orderBy: { code: 'asc' },
  });
  const attention: Attention = { dueSoon: [], explanationsMissing: [], openObstacles: [], awaitingConfirmation: [] };
  for (const task of tasks) {
    const context = (task.snapshot as { context?: Partial<TaskContext> } | null)?.context ?? {};
    const deadline = task.deadline?.getTime() ?? null;
    const line = { code: task.code, title: task.title, unitName: task.unit.name, deadline };
    const remindBefore = (task.policy as { remindBefore?: Duration[] } | null)?.remindBefore ?? [];
    if (task.state.startsWith('active.') && isDueSoon(calendar, deadline, remindBefore, now)) attention.dueSoon.push({ ...line, since: deadline });
    const due = context.explanationDueAt ?? null;
    if (due !== null && due < now && task.state !== 'awaitingConfirmation') attention.explanationsMissing.push({ ...line, since: due });
    if (task.state === 'awaitingConfirmation' && context.submission) {
      attention.awaitingConfirmation.push({ ...line, since: context.submission.at, by: context.submission.by });
    }
    for (const o of context.obstacles ?? []) {
      if (o.state !== 'open') continue;
      const { id, description, needs, raisedAt, escalated } = o;
      attention.openObstacles.push({ id, code: task.code, title: task.title, unitName: task.unit.name, description, needs, raisedAt, escalated, ageWorkingDays: calendar.workingDaysBetween(raisedAt, now) });
    }
  }
  const bySince = (a: AttentionTask, b: AttentionTask) => (a.since ?? 0) - (b.since ?? 0);
  attention.dueSoon.sort(bySince);
  attention.explanationsMissing.sort(bySince);
  attention.awaitingConfirmation.sort(bySince);
  attention.openObstacles.sort((a, b) => a.raisedAt - b.raisedAt);
  return attention;
}

/**
 * What a chairman reads first, beside the status classes: tasks due soon, explanations asked for and not
 * given in time, obstacles still open (with their age), completions waiting for the province. Read-only; the
 * overview and the digest show the same lists.
 */
import { isDueSoon } from '../../domain/due-soon.js';
import { addDuration, type Duration } from '../../domain/duration.js';
import type { WorkingCalendar } from '../../domain/working-calendar.js';
import type { Sql } from '../../db/sql.js';
import type { TaskContext } from '../../../workflows/task-types.js';


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

interface AttentionRow {
  code: string;
  title: string;
  state: string;
  deadline: Date | null;
  unitName: string;
  remindBefore: Duration[] | null;
  explanationDueAt: TaskContext['explanationDueAt'] | null;
  submission: TaskContext['submission'] | null;
  obstacles: TaskContext['obstacles'] | null;
}

// How far past the end of a reminder window counted from `now` a deadline may lie and still be inside it as counted
// back from the deadline: working days counted from a weekend or a holiday stretch land a stretch later (Tết: about
// ten days). Only a bound for the query; `isDueSoon` decides.
const WINDOW_MARGIN_MS = 31 * 86_400_000;

/**
 * The latest deadline that can be due soon at `now`: the end of the widest reminder window any open task's policy
 * holds, counted from `now`, plus the margin. `now` itself when no open task has a reminder.
 */
async function dueSoonHorizon(sql: Sql, calendar: WorkingCalendar, now: number): Promise<number> {
  const lists = await sql.query<{ remindBefore: string | null }>(
    `SELECT DISTINCT (policy -> 'remindBefore')::text AS "remindBefore" FROM "Task" WHERE state LIKE 'active.%'`,
  );
  let horizon = now;
  for (const { remindBefore } of lists) {
    const durations = remindBefore === null ? null : (JSON.parse(remindBefore) as Duration[] | null);
    for (const d of durations ?? []) horizon = Math.max(horizon, addDuration(calendar, now, d) + WINDOW_MARGIN_MS);
  }
  return horizon;
}

/** The attention lists as of `now`, each ordered most urgent first. */
export async function loadAttention(sql: Sql, calendar: WorkingCalendar, now: number): Promise<Attention> {
  // Only the parts of each snapshot the lists read, extracted by PostgreSQL, in plain SQL: with 100,000 open
  // tasks, whole snapshots through Prisma cost the worker's daily digest ≈ 300 MB. The snapshot is `json` (text),
  // so its context is read once for all three keys (three `->` paths would each scan it: 1.6 s against 0.7 s at
  // 100,000 tasks); a key holding JSON null comes back as NULL, read as null below either way. Only the tasks that
  // may be on a list come back: deadlines within the widest reminder window, an explanation past due, a completion
  // waiting, an obstacle (open or not; the loop below decides). Returning every open task cost the digest 60 MB
  // of garbage at 100,000 tasks, the worker's whole peak on a quiet day.
  const tasks = await sql.query<AttentionRow>(
    `
    SELECT t.code, t.title, t.state, t.deadline, u.name AS "unitName", t.policy -> 'remindBefore' AS "remindBefore",
           c."explanationDueAt", c.submission, c.obstacles
    FROM "Task" t JOIN "Unit" u ON u.id = t."unitId"
    CROSS JOIN LATERAL json_to_record(t.snapshot -> 'context') AS c("explanationDueAt" json, submission json, obstacles json)
    WHERE t.state = ANY($1::text[])
      AND ((t.state LIKE 'active.%' AND t.deadline BETWEEN $2::timestamp(3) AND $3::timestamp(3))
        OR t.state = 'awaitingConfirmation'
        OR (c."explanationDueAt" IS NOT NULL AND (c."explanationDueAt"::text)::float8 < $4::float8)
        OR COALESCE(json_array_length(c.obstacles), 0) > 0)
    ORDER BY t.code`,
    [OPEN_STATES, new Date(now).toISOString(), new Date(await dueSoonHorizon(sql, calendar, now)).toISOString(), now],
  );
  const attention: Attention = { dueSoon: [], explanationsMissing: [], openObstacles: [], awaitingConfirmation: [] };
  for (const task of tasks) {
    const context: Pick<Partial<TaskContext>, 'explanationDueAt' | 'submission' | 'obstacles'> = {
      explanationDueAt: task.explanationDueAt ?? null,
      submission: task.submission ?? null,
      obstacles: task.obstacles ?? [],
    };
    const deadline = task.deadline?.getTime() ?? null;
    const line = { code: task.code, title: task.title, unitName: task.unitName, deadline };
    const remindBefore = task.remindBefore ?? [];
    if (task.state.startsWith('active.') && isDueSoon(calendar, deadline, remindBefore, now)) attention.dueSoon.push({ ...line, since: deadline });
    const due = context.explanationDueAt ?? null;
    if (due !== null && due < now && task.state !== 'awaitingConfirmation') attention.explanationsMissing.push({ ...line, since: due });
    if (task.state === 'awaitingConfirmation' && context.submission) {
      attention.awaitingConfirmation.push({ ...line, since: context.submission.at, by: context.submission.by });
    }
    for (const o of context.obstacles ?? []) {
      if (o.state !== 'open') continue;
      const { id, description, needs, raisedAt, escalated } = o;
      attention.openObstacles.push({ id, code: task.code, title: task.title, unitName: task.unitName, description, needs, raisedAt, escalated, ageWorkingDays: calendar.workingDaysBetween(raisedAt, now) });
    }
  }
  const bySince = (a: AttentionTask, b: AttentionTask) => (a.since ?? 0) - (b.since ?? 0);
  attention.dueSoon.sort(bySince);
  attention.explanationsMissing.sort(bySince);
  attention.awaitingConfirmation.sort(bySince);
  attention.openObstacles.sort((a, b) => a.raisedAt - b.raisedAt);
  return attention;
}

import type { db } from '../../db/prisma.js';
import { insertRows, type Sql } from '../../db/sql.js';
import { cancelTimers } from './cancel-timers.js';
import { auditType, timerRows, type DispatchResult, type MachineEvent, type TransitionPlan } from './transition-plan.js';
import type { EngineDeps } from '../engine-deps.js';
import { enqueueMail, enqueueTimers, type AfterCommit } from '../jobs/enqueue.js';
import { planNotifications } from '../notices/notification-plan.js';
import type { ProvinceContext } from '../province/province-context.js';
import { loadRolePeople, type RolePeople } from '../notices/recipients.js';

/** Reads reference data (units, officials) that no transition changes: inside or outside the transaction. */
type ReferenceReader = db.Prisma.TransactionClient;

function payloadOf(event: MachineEvent): unknown {
  const rest: Record<string, unknown> = { ...event };
  delete rest.type;
  delete rest.at;
  return rest;
}

const EVENT_COLUMNS = {
  taskId: 'int', version: 'int', type: 'text', at: 'timestamp(3)', actor: 'text', channel: 'text', submissionKey: 'text', fromState: 'text', toState: 'text', payload: 'jsonb',
};
const REPORT_COLUMNS = { taskId: 'int', value: 'float8', at: 'timestamp(3)', source: 'text' };
const TIMER_COLUMNS = {
  taskId: 'int', sendId: 'text', fireAt: 'timestamp(3)', event: 'jsonb', jobId: 'text', taskVersion: 'int', state: '"TimerState"', settledAt: 'timestamp(3)',
};

// Timestamps travel as ISO strings cast to timestamp(3): PostgreSQL drops the `Z`, which keeps them in UTC as
// Prisma stores them, whatever the time zone of this process.
const iso = (d: Date | number | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * The emails already written for a batch of tasks (`$1`, their ids), each task's in the order written. One index
 * lookup per task, whatever the statistics say: a province's first storm starts with an outbox table never
 * analysed, for which the planner assumes 200 distinct task ids, so `"taskId" = ANY(500 ids)` looked like the
 * whole table and was a sequential scan every batch (2,400 blocks a batch at 20,000 emails, growing with the
 * table). `OFFSET 0` keeps the subquery from being merged into a join: it runs once per id, on the index.
 */
export const EARLIER_EMAILS = `SELECT n."taskId", n.kind, n."createdAt", n.recipients, n."messageId"
  FROM unnest($1::int[]) AS k(id)
  CROSS JOIN LATERAL (SELECT id, "taskId", kind, "createdAt", recipients, "messageId" FROM "Notification" WHERE "taskId" = k.id OFFSET 0) n
  ORDER BY n."taskId", n.id`;

/**
 * Writes the plans of one transaction in bulk, in plain SQL (one statement per kind of row, whatever the batch
 * size): timers fired or dropped, each task's final snapshot (guarded by its version), one audit event per
 * transition, progress reports, Timer rows cancelled and set, outbox rows. Plans of the same task must be in
 * the order they were planned (each starts from the previous one's result).
 */
export async function writeTransitions(
  sql: Sql,
  reference: ReferenceReader,
  deps: EngineDeps,
  province: ProvinceContext,
  plans: readonly TransitionPlan[],
): Promise<WrittenTransitions> {
  const settledAt = iso(deps.now());
  const settle = async (state: 'fired' | 'cancelled', ids: bigint[]) => {
    if (ids.length) await sql.query(`UPDATE "Timer" SET state = $1::"TimerState", "settledAt" = $2::timestamp(3) WHERE id = ANY($3::bigint[])`, [state, settledAt, ids]);
  };
  await settle('fired', plans.filter((p) => p.accepted && p.options.timerId !== undefined).map((p) => p.options.timerId as bigint));
  await settle('cancelled', plans.filter((p) => !p.accepted && p.options.timerId !== undefined).map((p) => p.options.timerId as bigint));

  const accepted = plans.filter((p) => p.accepted);
  // One update per task, from the version it had before the first event to its final state.
  const finalByTask = new Map<number, { first: TransitionPlan; last: TransitionPlan; policyChanged: boolean }>();
  for (const p of accepted) {
    const policyChanged = p.event.type === 'POLICY_CHANGED';
    const entry = finalByTask.get(p.before.id);
    if (entry) {
      entry.last = p;
      entry.policyChanged ||= policyChanged;
    } else finalByTask.set(p.before.id, { first: p, last: p, policyChanged });
  }
  if (finalByTask.size) {
    const rows = [...finalByTask.values()].map(({ first, last, policyChanged }) => {
      const t = last.after;
      return {
        id: t.id,
        fromVersion: first.before.version,
        snapshot: t.snapshot,
        machineVersion: t.machineVersion,
        state: t.state,
        statusClass: t.statusClass,
        escalationLevel: t.escalationLevel,
        underperforming: t.underperforming,
        deadline: iso(t.deadline),
        completedAt: iso(t.completedAt),
        cancelledAt: iso(t.cancelledAt),
        version: t.version,
        // Only a new policy travels (and is written): a storm's timers leave it as it is.
        policy: policyChanged ? t.policy : null,
      };
    });
    // One statement for the whole batch, guarded by each task's version as read under the lock.
    const updated = await sql.query(
      `UPDATE "Task" AS t SET snapshot = v.snapshot, "machineVersion" = v."machineVersion", state = v.state,
         "statusClass" = v."statusClass", "escalationLevel" = v."escalationLevel", underperforming = v.underperforming,
         deadline = v.deadline, "completedAt" = v."completedAt", "cancelledAt" = v."cancelledAt", version = v.version,
         policy = COALESCE(v.policy, t.policy), "updatedAt" = now()
       FROM json_to_recordset($1::json) AS v(id int, "fromVersion" int, snapshot json, "machineVersion" int, state text,
         "statusClass" text, "escalationLevel" "EscalationLevel", underperforming boolean, deadline timestamp(3),
         "completedAt" timestamp(3), "cancelledAt" timestamp(3), version int, policy json)
       WHERE t.id = v.id AND t.version = v."fromVersion"
       RETURNING t.id`,
      [JSON.stringify(rows)],
    );
    if (updated.length !== rows.length) throw new Error(`${rows.length - updated.length} task(s) changed under a lock; this is a bug.`);
  }
  if (accepted.length) {
    const events = accepted.map((p) => ({
      taskId: p.before.id,
      version: p.after.version,
      type: auditType(p.event),
      at: iso(p.event.at),
      actor: p.options.actor,
      channel: p.options.channel ?? null,
      submissionKey: p.options.submissionKey ?? null,
      fromState: p.fromState,
      toState: p.description.state,
      payload: payloadOf(p.event),
    }));
    await insertRows(sql, 'TaskEvent', EVENT_COLUMNS, events);
  }
  const reports = accepted.flatMap((p) =>
    p.event.type === 'PROGRESS_REPORTED' ? [{ taskId: p.before.id, value: p.event.value, at: iso(p.event.at), source: p.options.actor }] : [],
  );
  await insertRows(sql, 'ProgressReport', REPORT_COLUMNS, reports);

  const cancels = accepted.flatMap((p) => p.cancel.map((sendId) => ({ taskId: p.before.id, sendId })));
  await cancelTimers(sql, settledAt, cancels);
  const newTimers = accepted.flatMap((p) => timerRows(p.before.id, p.after.version, p.timers));
  // A timer set and cancelled (or set again) later in the same batch is not inserted; one a later plan fired
  // (`firesTimer`) is inserted as fired, for the record, and gets no job.
  const cancelledLater = new Set<string>();
  const firedLater = new Set<string>();
  const keptTimers: typeof newTimers = [];
  const firedTimers: typeof newTimers = [];
  for (let i = accepted.length - 1, k = newTimers.length - 1; i >= 0; i -= 1) {
    const p = accepted[i] as TransitionPlan;
    for (let j = p.timers.length - 1; j >= 0; j -= 1, k -= 1) {
      const row = newTimers[k] as (typeof newTimers)[number];
      const key = `${row.taskId}/${row.sendId}`;
      if (firedLater.delete(key)) firedTimers.push({ ...row, state: 'fired', settledAt: settledAt as string });
      else if (!cancelledLater.has(key)) keptTimers.push(row);
    }
    if (p.options.firesTimer !== undefined) firedLater.add(`${p.before.id}/${p.options.firesTimer}`);
    for (const sendId of p.cancel) cancelledLater.add(`${p.before.id}/${sendId}`);
    for (const t of p.timers) cancelledLater.add(`${p.before.id}/${t.sendId}`);
  }
  await insertTimers(sql, [...keptTimers, ...firedTimers]);

  const notifying = accepted.filter((p) => p.notices.length > 0);
  let mail: OutboxRow[] = [];
  if (notifying.length) {
    const taskIds = [...new Set(notifying.map((p) => p.before.id))];
    type Previous = { taskId: number; kind: string; createdAt: Date; recipients: string[]; messageId: string };
    // Each task's earlier emails, oldest first (a map of lists: a batch holds 500 tasks).
    const previous = new Map<number, Previous[]>();
    const rememberSent = (n: Previous) => {
      const list = previous.get(n.taskId);
      if (list) list.push(n);
      else previous.set(n.taskId, [n]);
    };
    const earlier = await sql.query<Previous>(EARLIER_EMAILS, [taskIds]);
    earlier.forEach(rememberSent);
    const people = new Map<string, RolePeople>();
    const rows: db.Prisma.NotificationCreateManyInput[] = [];
    for (const p of notifying) {
      const t = p.after;
      const key = `${t.unitId}|${t.coordinatingUnitCodes.join(',')}|${JSON.stringify((t.policy as { cc?: unknown } | null)?.cc ?? [])}`;
      let rolePeople = people.get(key);
      if (!rolePeople) {
        // Whoever holds the posts now: a notice decided for a backlogged instant still goes to today's head.
        rolePeople = await loadRolePeople(reference, t, province.standingAgencyCode, deps.now());
        people.set(key, rolePeople);
      }
      const before = previous.get(t.id) ?? [];
      const planned = planNotifications(
        {
          config: deps.config,
          province,
          task: t,
          version: t.version,
          context: p.context,
          eventType: p.event.type,
          decidedAt: p.event.at,
          people: rolePeople,
          previous: before.map((n) => ({ kind: n.kind as never, at: n.createdAt.getTime(), to: n.recipients })),
          threadRoot: before[0]?.messageId ?? null,
        },
        p.notices,
      );
      rows.push(...planned);
      // Later notices of the same task in this batch thread to, and list, these ones.
      for (const r of planned) rememberSent({ taskId: t.id, kind: r.kind, createdAt: new Date(p.event.at), recipients: r.recipients as string[], messageId: r.messageId });
    }
    if (rows.length) {
      mail = await insertNotifications(sql, rows);
    }
  }
  // Emails written per task (a count each, not a scan of the batch's emails per plan: 500 × 1,000 in a storm).
  const mailPerTask = new Map<number | null, number>();
  for (const m of mail) mailPerTask.set(m.taskId, (mailPerTask.get(m.taskId) ?? 0) + 1);
  const results = plans.map((p): DispatchResult => ({
    code: p.after.code,
    version: p.after.version,
    state: p.description.state,
    escalationLevel: p.description.escalationLevel,
    transitions: p.accepted ? 1 : 0,
    notifications: p.accepted ? (mailPerTask.get(p.before.id) ?? 0) : 0,
    applied: p.accepted,
    context: p.context,
  }));
  const timers = keptTimers.map((t) => ({ jobId: t.jobId, fireAt: t.fireAt as Date }));
  return {
    results,
    timers,
    notifications: mail,
    afterCommit: async () => {
      await enqueueTimers(deps, timers);
      await enqueueMail(deps, mail);
    },
  };
}

/** An outbox row just written: what its send job (or the sweep that sends it) needs. */
export interface OutboxRow {
  id: bigint;
  nextAttemptAt: Date;
  attempts: number;
  taskId: number | null;
}

/** What a batch of transitions wrote, and what to do once its transaction has committed. */
export interface WrittenTransitions {
  /** One per plan, in order. */
  results: DispatchResult[];
  /** The pending Timer rows set (their wake-up jobs). */
  timers: { jobId: string; fireAt: Date }[];
  /** The outbox rows written. */
  notifications: OutboxRow[];
  /** Adds the wake-up jobs of `timers` and a send job per row of `notifications`. */
  afterCommit: AfterCommit;
}

async function insertTimers(sql: Sql, timers: readonly db.Prisma.TimerCreateManyInput[]): Promise<void> {
  const rows = timers.map((t) => ({ ...t, fireAt: iso(t.fireAt as Date), state: t.state ?? 'pending', settledAt: t.settledAt ?? null }));
  await insertRows(sql, 'Timer', TIMER_COLUMNS, rows);
}

async function insertNotifications(
  sql: Sql,
  notifications: readonly db.Prisma.NotificationCreateManyInput[],
): Promise<OutboxRow[]> {
  const rows = notifications.map((n) => ({ ...n, notBefore: iso(n.notBefore as Date), nextAttemptAt: iso(n.nextAttemptAt as Date) }));
  return sql.query(
    `INSERT INTO "Notification" ("uniqueKey", "taskId", kind, level, recipients, cc, subject, "messageId", "inReplyTo", view, "notBefore", "nextAttemptAt")
     SELECT "uniqueKey", "taskId", kind, level, recipients, cc, subject, "messageId", "inReplyTo", view, "notBefore", "nextAttemptAt"
     FROM ROWS FROM (json_to_recordset($1::json) AS ("uniqueKey" text, "taskId" int, kind text, level text, recipients text[], cc text[],
       subject text, "messageId" text, "inReplyTo" text, view json, "notBefore" timestamp(3), "nextAttemptAt" timestamp(3))) WITH ORDINALITY AS v
     -- Ids in the order the notices were decided: a task's first email is the root its later ones reply to.
     ORDER BY v.ordinality
     RETURNING id, "nextAttemptAt", attempts, "taskId"`,
    [JSON.stringify(rows)],
  );
}

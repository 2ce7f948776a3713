import type { db } from '../db/prisma.js';
import { auditType, timerRows, type DispatchResult, type MachineEvent, type TransitionPlan } from './transition-plan.js';
import type { EngineDeps } from './engine-deps.js';
import { enqueueMail, enqueueTimers, type AfterCommit } from './enqueue.js';
import { planNotifications } from './notification-plan.js';
import type { ProvinceContext } from './province-context.js';
import { loadRolePeople, type RolePeople } from './recipients.js';

type Tx = db.Prisma.TransactionClient;

function payloadOf(event: MachineEvent): db.Prisma.InputJsonValue {
  const rest: Record<string, unknown> = { ...event };
  delete rest.type;
  delete rest.at;
  return rest as db.Prisma.InputJsonValue;
}

/**
 * Writes the plans of one transaction in bulk: timers fired or dropped, each task's final snapshot (guarded by
 * its version), one audit event per transition, progress reports, Timer rows cancelled and set, outbox rows.
 * Plans of the same task must be in the order they were planned (each starts from the previous one's result).
 */
export async function writeTransitions(
  tx: Tx,
  deps: EngineDeps,
  province: ProvinceContext,
  plans: readonly TransitionPlan[],
): Promise<{ results: DispatchResult[]; afterCommit: AfterCommit }> {
  const settledAt = new Date(deps.now());
  const fired = plans.filter((p) => p.accepted && p.options.timerId !== undefined).map((p) => p.options.timerId as bigint);
  const dropped = plans.filter((p) => !p.accepted && p.options.timerId !== undefined).map((p) => p.options.timerId as bigint);
  if (fired.length) await tx.timer.updateMany({ where: { id: { in: fired } }, data: { state: 'fired', settledAt } });
  if (dropped.length) await tx.timer.updateMany({ where: { id: { in: dropped } }, data: { state: 'cancelled', settledAt } });

  const accepted = plans.filter((p) => p.accepted);
  // One update per task, from the version it had before the first event to its final state.
  const finalByTask = new Map<number, { first: TransitionPlan; last: TransitionPlan }>();
  for (const p of accepted) {
    const entry = finalByTask.get(p.before.id);
    if (entry) entry.last = p;
    else finalByTask.set(p.before.id, { first: p, last: p });
  }
  if (finalByTask.size) {
    const rows = [...finalByTask.values()].map(({ first, last }) => {
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
        deadline: t.deadline,
        completedAt: t.completedAt,
        cancelledAt: t.cancelledAt,
        version: t.version,
        policy: t.policy,
      };
    });
    // One statement for the whole batch, guarded by each task's version as read under the lock.
    const updated = await tx.$executeRawUnsafe(
      `UPDATE "Task" AS t SET snapshot = v.snapshot, "machineVersion" = v."machineVersion", state = v.state,
         "statusClass" = v."statusClass", "escalationLevel" = v."escalationLevel", underperforming = v.underperforming,
         deadline = v.deadline, "completedAt" = v."completedAt", "cancelledAt" = v."cancelledAt", version = v.version,
         policy = v.policy, "updatedAt" = now()
       FROM json_to_recordset($1::json) AS v(id int, "fromVersion" int, snapshot jsonb, "machineVersion" int, state text,
         "statusClass" text, "escalationLevel" "EscalationLevel", underperforming boolean, deadline timestamp(3),
         "completedAt" timestamp(3), "cancelledAt" timestamp(3), version int, policy jsonb)
       WHERE t.id = v.id AND t.version = v."fromVersion"`,
      JSON.stringify(rows),
    );
    if (updated !== rows.length) throw new Error(`${rows.length - updated} task(s) changed under a lock; this is a bug.`);
  }
  if (accepted.length) {
    await tx.taskEvent.createMany({
      data: accepted.map((p) => ({
        taskId: p.before.id,
        version: p.after.version,
        type: auditType(p.event),
        at: new Date(p.event.at),
        actor: p.options.actor,
        fromState: p.fromState,
        toState: p.description.state,
        payload: payloadOf(p.event),
      })),
    });
  }
  const reports = accepted.flatMap((p) =>
    p.event.type === 'PROGRESS_REPORTED' ? [{ taskId: p.before.id, value: p.event.value, at: new Date(p.event.at), source: p.options.actor }] : [],
  );
  if (reports.length) await tx.progressReport.createMany({ data: reports });

  const cancels = accepted.filter((p) => p.cancel.length > 0).map((p) => ({ taskId: p.before.id, sendId: { in: p.cancel } }));
  if (cancels.length) await tx.timer.updateMany({ where: { state: 'pending', OR: cancels }, data: { state: 'cancelled', settledAt } });
  const newTimers = accepted.flatMap((p) => timerRows(p.before.id, p.after.version, p.timers));
  // A timer set and cancelled again within the same batch must not be inserted as pending.
  const cancelledLater = new Set<string>();
  const keptTimers: typeof newTimers = [];
  for (let i = accepted.length - 1, k = newTimers.length - 1; i >= 0; i -= 1) {
    const p = accepted[i] as TransitionPlan;
    for (let j = p.timers.length - 1; j >= 0; j -= 1, k -= 1) {
      const row = newTimers[k] as (typeof newTimers)[number];
      if (!cancelledLater.has(`${row.taskId}/${row.sendId}`)) keptTimers.push(row);
    }
    for (const sendId of p.cancel) cancelledLater.add(`${p.before.id}/${sendId}`);
    for (const t of p.timers) cancelledLater.add(`${p.before.id}/${t.sendId}`);
  }
  if (keptTimers.length) await tx.timer.createMany({ data: keptTimers });

  const notifying = accepted.filter((p) => p.notices.length > 0);
  let mail: { id: bigint; nextAttemptAt: Date; attempts: number; taskId: number | null }[] = [];
  if (notifying.length) {
    const taskIds = [...new Set(notifying.map((p) => p.before.id))];
    const previous = await tx.notification.findMany({
      where: { taskId: { in: taskIds } },
      orderBy: { id: 'asc' },
      select: { taskId: true, kind: true, createdAt: true, recipients: true, messageId: true },
    });
    const people = new Map<string, RolePeople>();
    const rows: db.Prisma.NotificationCreateManyInput[] = [];
    for (const p of notifying) {
      const t = p.after;
      const key = `${t.unitId}|${t.coordinatingUnitCodes.join(',')}|${JSON.stringify((t.policy as { cc?: unknown } | null)?.cc ?? [])}`;
      let rolePeople = people.get(key);
      if (!rolePeople) {
        rolePeople = await loadRolePeople(tx, t, province.standingAgencyCode);
        people.set(key, rolePeople);
      }
      const before = previous.filter((n) => n.taskId === t.id);
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
      previous.push(...planned.map((r) => ({ taskId: t.id, kind: r.kind, createdAt: new Date(p.event.at), recipients: r.recipients as string[], messageId: r.messageId })));
    }
    if (rows.length) {
      mail = await tx.notification.createManyAndReturn({ data: rows, select: { id: true, nextAttemptAt: true, attempts: true, taskId: true } });
    }
  }
  const results = plans.map((p): DispatchResult => ({
    code: p.after.code,
    version: p.after.version,
    state: p.description.state,
    escalationLevel: p.description.escalationLevel,
    transitions: p.accepted ? 1 : 0,
    notifications: p.accepted ? mail.filter((m) => m.taskId === p.before.id).length : 0,
    applied: p.accepted,
  }));
  return {
    results,
    afterCommit: async () => {
      await enqueueTimers(deps, keptTimers.map((t) => ({ jobId: t.jobId, fireAt: t.fireAt as Date })));
      await enqueueMail(deps, mail);
    },
  };
}

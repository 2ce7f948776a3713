import { isDueSoon } from '../../domain/due-soon.js';
import type { Duration } from '../../domain/duration.js';
import { TaskNotFoundError } from '../../errors.js';
import { loadProvinceContext } from '../../engine/province/province-context.js';
import { taskContextOf } from '../../monitor/task-context-of.js';
import type { EngineDeps } from '../../engine/engine-deps.js';
import { delayNameOf } from '../../engine/write/interpret-actions.js';
import { printJson, withEngine } from '../with-engine.js';

/** The `task show --json` document (INTERFACES.md). */
export async function taskDetails(deps: EngineDeps, code: string) {
  const task = await deps.prisma.task.findUnique({
    where: { code },
    include: {
      unit: { select: { code: true, name: true, kind: true } },
      events: { orderBy: { id: 'asc' } },
      notifications: { orderBy: { id: 'asc' } },
      reports: { orderBy: { at: 'asc' } },
      timers: { where: { state: 'pending' }, orderBy: { fireAt: 'asc' } },
      assignments: { orderBy: { id: 'asc' }, include: { unit: { select: { code: true } } } },
    },
  });
  if (!task) throw new TaskNotFoundError(code);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const isoAt = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const province = await loadProvinceContext(deps.prisma);
  const context = taskContextOf(task);
  const open = task.completedAt === null && task.cancelledAt === null && task.state !== 'awaitingConfirmation';
  const remindBefore = (task.policy as { remindBefore?: Duration[] } | null)?.remindBefore ?? [];
  return {
    code: task.code,
    title: task.title,
    unit: task.unit.code,
    unitName: task.unit.name,
    unitKind: task.unit.kind,
    document: task.document,
    state: task.state,
    status: task.statusClass,
    escalationLevel: task.escalationLevel,
    underperforming: task.underperforming,
    deadline: iso(task.deadline),
    deadlineText: task.deadlineText,
    startAt: iso(task.startAt),
    completedAt: iso(task.completedAt),
    dueSoon: open && isDueSoon(province.calendar, task.deadline?.getTime() ?? null, remindBefore, deps.now()),
    awaitingConfirmation: task.state === 'awaitingConfirmation',
    explanationDueAt: isoAt(context?.explanationDueAt ?? null),
    explanations: (context?.explanations ?? []).map((e) => ({ ...e, at: isoAt(e.at) })),
    obstacles: (context?.obstacles ?? []).map((o) => ({ ...o, raisedAt: isoAt(o.raisedAt), resolvedAt: isoAt(o.resolvedAt) })),
    submission: context?.submission ? { ...context.submission, at: isoAt(context.submission.at) } : null,
    returnedReason: context?.returnedReason ?? null,
    version: task.version,
    policy: { name: task.policyName, ...(task.policy as object) },
    indicator: task.indicator,
    reports: task.reports.map((r) => ({ value: r.value, at: iso(r.at), source: r.source })),
    pendingTimers: task.timers.map((t) => ({ sendId: t.sendId, fireAt: iso(t.fireAt) })),
    /** Which unit held the task, over time (a REASSIGNED event, with `from` and `to` in its payload, moved it). */
    units: task.assignments.map((a) => ({ unit: a.unit.code, from: iso(a.heldFrom), until: iso(a.heldUntil), document: a.document })),
    events: task.events.map((e) => ({
      type: e.type,
      at: iso(e.at),
      actor: e.actor,
      channel: e.channel,
      from: e.fromState,
      to: e.toState,
      payload: e.payload,
    })),
    notifications: task.notifications.map((n) => ({
      kind: n.kind,
      level: n.level,
      to: n.recipients,
      cc: n.cc,
      subject: n.subject,
      status: n.status,
      attempts: n.attempts,
      lastError: n.lastError,
      notBefore: iso(n.notBefore),
      sentAt: iso(n.sentAt),
      messageId: n.messageId,
    })),
  };
}

/** For a REASSIGNED event: the units it moved the task between. */
function reassignedLine(e: { type: string; payload: unknown }): string {
  if (e.type !== 'REASSIGNED') return '';
  const p = e.payload as { from?: string; to?: string; document?: string | null };
  return ` · unit ${p.from ?? '?'} → ${p.to ?? '?'}${p.document ? ` (${p.document})` : ''}`;
}

/** `da06 task show CODE [--json]`: one task with its timeline of events and emails. */
export async function runTaskShow(code: string, options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const t = await taskDetails(engine, code);
    if (options.json) {
      printJson(t);
      return;
    }
    const lines = [
      `${t.code}  ${t.title}`,
      `  unit: ${t.unitName} (${t.unit})${t.document ? ` · ${t.document}` : ''}`,
      `  state: ${t.state} · ${t.status} · escalation ${t.escalationLevel}${t.underperforming ? ' · underperforming' : ''}`,
      `  deadline: ${t.deadline ?? 'Thường xuyên'}${t.deadlineText ? ` (${t.deadlineText})` : ''}${t.dueSoon ? ' · due soon' : ''}`,
      ...(t.submission ? [`  submitted by ${t.submission.by} at ${t.submission.at}: waiting for confirmation`] : []),
      ...(t.explanationDueAt ? [`  explanation asked for by ${t.explanationDueAt}`] : []),
      ...t.explanations.map((e) => `  explanation ${e.at} by ${e.by}: cause "${e.cause}", remedy "${e.remedy}", commits to ${e.commitDate}`),
      ...t.obstacles.map((o) => `  obstacle ${o.id} (${o.state}) ${o.raisedAt} by ${o.by}: "${o.description}"${o.response ? ` — answered "${o.response}"` : ''}`),
      '',
      'Timeline',
      ...[
        ...t.events.map((e) => ({ at: e.at ?? '', line: `event ${e.type} by ${e.actor ?? '?'}${e.channel ? ` (${e.channel})` : ''}: ${e.from} → ${e.to}${reassignedLine(e)}` })),
        ...t.notifications.map((n) => ({ at: n.notBefore ?? '', line: `email ${n.kind} to ${n.to.join(', ')} — ${n.status}${n.sentAt ? ` at ${n.sentAt}` : ''}${n.lastError ? ` (${n.lastError})` : ''}` })),
      ]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((x) => `  ${x.at}  ${x.line}`),
      '',
      'Next wake-ups',
      ...t.pendingTimers.map((p) => `  ${p.fireAt}  ${delayNameOf(p.sendId)}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

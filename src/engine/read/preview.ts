import { provisionalYearNote } from '../../domain/provisional-year.js';
import { nextSendOpening } from '../../domain/send-window.js';
import type { db } from '../../db/prisma.js';
import type { Person } from '../../mail/notification-view.js';
import { restoreSnapshot } from '../../../workflows/task-snapshot.js';
import type { NotifyParams } from '../../../workflows/task-types.js';
import type { EngineDeps } from '../engine-deps.js';
import { delayNameOf } from '../write/interpret-actions.js';
import { runWakeUps } from '../write/door.js';
import { loadProvinceContext } from '../province/province-context.js';
import { resolveRecipients } from '../notices/recipients.js';
import { provisionalWorkingDayYear } from '../province/working-day-wake-up.js';

type Tx = db.Prisma.TransactionClient;

/** One email `preview` expects to leave: when, for which task, to whom, and why. */
export interface PreviewItem {
  /** When it will leave: the decision instant moved into the send window, never before now. */
  at: number;
  task: string;
  kind: string;
  level: string;
  to: Person[];
  cc: Person[];
  reason: string;
  /** `outbox`: already decided, waiting to be sent; `timer`: a wake-up that will decide it. */
  source: 'outbox' | 'timer';
  /** Set when its time is counted in working days of a year whose days off are not announced yet. */
  provisional?: string;
}

// A task that keeps re-arming a wake-up inside the horizon (a zero-length period) must not loop forever.
const MAX_STEPS_PER_TASK = 500;

/**
 * Who will be emailed over `[now, now + days]`, without sending or writing anything: the outbox rows not yet
 * sent, plus each open task's machine simulated from its persisted snapshot by feeding its pending Timer rows
 * (and the wake-ups they set) in fire order with `at` = their fire instant. Ordered by time.
 */
export async function previewNotifications(deps: EngineDeps, days: number): Promise<PreviewItem[]> {
  const now = deps.now();
  const horizon = now + days * 86_400_000;
  return deps.prisma.$transaction(
    async (tx) => {
      const items: PreviewItem[] = [];
      const pending = await tx.notification.findMany({
        where: { status: 'pending', nextAttemptAt: { lte: new Date(horizon) } },
        include: { task: { select: { code: true } } },
        orderBy: { id: 'asc' },
      });
      for (const n of pending) {
        items.push({
          at: Math.max(now, n.nextAttemptAt.getTime()),
          task: n.task?.code ?? '(digest)',
          kind: n.kind,
          level: n.level,
          to: n.recipients.map((email) => ({ name: email, email })),
          cc: n.cc.map((email) => ({ name: email, email })),
          reason: `already decided on ${new Date(n.createdAt).toISOString()}, not yet sent${n.attempts ? ` (${n.attempts} failed attempt(s))` : ''}`,
          source: 'outbox',
        });
      }
      const taskIds = await tx.timer.findMany({
        where: { state: 'pending', fireAt: { lte: new Date(horizon) } },
        distinct: ['taskId'],
        select: { taskId: true },
      });
      const atChairman = await tx.task.findMany({ where: { escalationLevel: 'chairman' }, select: { id: true, code: true } });
      if (taskIds.length === 0 && atChairman.length === 0) return sortItems(items);
      const province = await loadProvinceContext(tx);
      // When each task sits at the chairman's level within the horizon, for the daily digest.
      const chairmanLevel = new Map<string, Array<[number, number]>>(atChairman.map((t) => [t.code, [[now, Infinity]]]));
      for (const { taskId } of taskIds) {
        const simulated = await simulateTask(tx, province, taskId, now, horizon);
        items.push(...simulated.items);
        chairmanLevel.set(simulated.code, simulated.chairmanLevel);
      }
      items.push(...(await previewDigests(tx, deps, province, chairmanLevel, now, horizon)));
      return sortItems(items);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * The chairman's daily digests over the horizon: one on each working day at DIGEST_AT (province time) on which
 * some task is at the chairman's level, unless that day's digest is already in the outbox.
 */
async function previewDigests(
  tx: Tx,
  deps: EngineDeps,
  province: Awaited<ReturnType<typeof loadProvinceContext>>,
  chairmanLevel: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>,
  now: number,
  horizon: number,
): Promise<PreviewItem[]> {
  const chairman = await tx.official.findFirst({ where: { role: 'chairman' }, orderBy: { id: 'asc' } });
  if (!chairman) return [];
  const items: PreviewItem[] = [];
  const { calendar } = province;
  const seen = new Set<string>();
  for (let day = now; day <= horizon + 86_400_000; day += 86_400_000) {
    const date = calendar.localDate(day);
    if (seen.has(date)) continue;
    seen.add(date);
    const due = calendar.atLocalTime(date, deps.config.DIGEST_AT);
    if (!calendar.isWorkingDay(due) || due > horizon || (due < now && calendar.localDate(now) !== date)) continue;
    // The maintenance pass prepares it at DIGEST_AT or at its first pass after.
    const at = Math.max(now, due);
    const codes = [...chairmanLevel].filter(([, spans]) => spans.some(([from, to]) => from <= at && at < to)).map(([code]) => code).sort();
    if (codes.length === 0) continue;
    if (await tx.notification.findUnique({ where: { uniqueKey: `digest/${date}` }, select: { id: true } })) continue;
    items.push({
      at,
      task: '(digest)',
      kind: 'digest',
      level: 'chairman',
      to: [{ name: chairman.name, email: chairman.email, ...(chairman.title ? { title: chairman.title } : {}) }],
      cc: [],
      reason: `daily digest of ${codes.length} chairman-level task(s): ${codes.join(', ')}`,
      source: 'timer',
    });
  }
  return items;
}

async function simulateTask(
  tx: Tx,
  province: Awaited<ReturnType<typeof loadProvinceContext>>,
  taskId: number,
  now: number,
  horizon: number,
): Promise<{ code: string; items: PreviewItem[]; chairmanLevel: Array<[number, number]> }> {
  const task = await tx.task.findUniqueOrThrow({
    where: { id: taskId },
    include: { unit: true, timers: { where: { state: 'pending' }, orderBy: [{ fireAt: 'asc' }, { id: 'asc' }], select: { id: true, sendId: true, fireAt: true, event: true } } },
  });
  const { context, status } = restoreSnapshot(province.machine, task);
  const chairmanLevel: Array<[number, number]> = [];
  let chairmanSince: number | null = context.escalation.level === 'chairman' ? now : null;
  if (status === 'done') return { code: task.code, items: [], chairmanLevel };
  const items: PreviewItem[] = [];
  const recipients = new Map<string, { to: Person[]; cc: Person[] }>();
  const pending = task.timers.map((t) => ({ sendId: t.sendId, fireAt: t.fireAt.getTime(), event: t.event as { type: string }, timerId: t.id }));
  let steps = 0;
  // The worker's own order (the door's `runWakeUps`), up to the horizon.
  for (const { plan, wakeUp } of runWakeUps(province, task, pending, horizon)) {
    if ((steps += 1) > MAX_STEPS_PER_TASK) break;
    if (!plan.accepted) continue;
    const window = plan.context.policy.sendWindow;
    for (const params of plan.notices) {
      const key = JSON.stringify([params.to, params.cc]);
      let people = recipients.get(key);
      if (!people) {
        people = await resolveRecipients(tx, taskId, params, now);
        recipients.set(key, people);
      }
      if (people.to.length === 0) continue;
      const leaves = window ? nextSendOpening(province.calendar, window, wakeUp.fireAt) : wakeUp.fireAt;
      const at = Math.max(now, leaves);
      const year = provisionalWorkingDayYear(province.calendar, plan.context.policy, wakeUp.event.type, at, window?.workingDaysOnly === true);
      items.push({ at, task: task.code, kind: params.kind, level: params.level, ...people, reason: reasonOf(params, wakeUp.event.type), source: 'timer', ...(year === null ? {} : { provisional: provisionalYearNote(year) }) });
    }
    const done = plan.description.phase === 'completed' || plan.description.phase === 'cancelled';
    const atChairman = !done && plan.context.escalation.level === 'chairman';
    if (atChairman && chairmanSince === null) chairmanSince = wakeUp.fireAt;
    if (!atChairman && chairmanSince !== null) {
      chairmanLevel.push([chairmanSince, wakeUp.fireAt]);
      chairmanSince = null;
    }
    if (done) break;
  }
  if (chairmanSince !== null) chairmanLevel.push([chairmanSince, Infinity]);
  return { code: task.code, items, chairmanLevel };
}

function reasonOf(params: NotifyParams, eventType: string): string {
  const delay = delayNameOf(eventType);
  const why: Record<string, string> = {
    reminder: 'the deadline approaches',
    overdue: 'the deadline has passed',
    underperforming: 'the indicator is behind its plan or reports are stale',
    escalation: 'still unresolved at the head level',
    repeat: 'still unresolved; repeat notice',
    resolved: 'the task recovered',
    obstacle: 'an obstacle is still open',
    confirmation: 'a completion still waits for confirmation',
  };
  return `${why[params.kind] ?? params.kind} (timer ${delay}${params.note ? `, ${params.note}` : ''})`;
}

function sortItems(items: PreviewItem[]): PreviewItem[] {
  return items.sort((a, b) => a.at - b.at || (a.task < b.task ? -1 : a.task > b.task ? 1 : 0));
}

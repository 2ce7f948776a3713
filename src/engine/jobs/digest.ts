import { sqlOn } from '../../db/sql.js';
import type { db } from '../../db/prisma.js';
import type { DigestFollowUp, DigestView } from '../../mail/notification-view.js';
import { digestSubjectFor } from '../../mail/render-email.js';
import type { TaskContext } from '../../../workflows/task-types.js';
import type { EngineDeps } from '../engine-deps.js';
import { enqueueMail } from './enqueue.js';
import { messageIdDomain } from '../notices/notification-plan.js';
import { loadAttention, type Attention } from '../read/attention.js';
import { findProvinceContext } from '../province/province-context.js';

const QUIET_RECHECK_MS = 3_600_000;

/**
 * Prepares the chairman's daily digest once per working day, from DIGEST_AT (province time) on: every open
 * chairman-level task, grouped by unit. Idempotent: the outbox key is the date, so a second pass adds nothing.
 */
export async function digestMaintenance(deps: EngineDeps): Promise<'created' | 'exists' | 'not due' | 'nothing to report'> {
  const now = deps.now();
  const province = await findProvinceContext(deps.prisma);
  if (!province) return 'not due';
  const { calendar } = province;
  const date = calendar.localDate(now);
  if (!calendar.isWorkingDay(now) || now < calendar.atLocalTime(date, deps.config.DIGEST_AT)) return 'not due';
  const uniqueKey = `digest/${date}`;
  if (await deps.prisma.notification.findUnique({ where: { uniqueKey }, select: { id: true } })) return 'exists';
  // A day with nothing to report is checked again hourly, not at every maintenance pass: the check reads every
  // open task, which with 100,000 of them is not what a worker should do each minute.
  const quietKey = `${deps.config.QUEUE_PREFIX}:da06:digest-quiet:${date}`;
  if (await deps.redis.exists(quietKey)) return 'nothing to report';
  const [chairman, tasks, attention] = await Promise.all([
    deps.prisma.official.findFirst({ where: { role: 'chairman' }, orderBy: { id: 'asc' } }),
    deps.prisma.task.findMany({ where: { escalationLevel: 'chairman' }, include: { unit: true }, orderBy: [{ unitId: 'asc' }, { code: 'asc' }] }),
    loadAttention(sqlOn(deps.pool), calendar, now),
  ]);
  const followUp = digestFollowUp(attention);
  const followUpCount = Object.values(followUp).reduce((n, list) => n + list.length, 0);
  if (!chairman || (tasks.length === 0 && followUpCount === 0)) {
    await deps.redis.set(quietKey, '1', 'PX', QUIET_RECHECK_MS);
    return 'nothing to report';
  }
  const byUnit = new Map<string, DigestView['items'][number]>();
  for (const task of tasks) {
    // Read from the snapshot itself: the deadline and the ladder (the policy and indicator are the row's columns).
    const context = (task.snapshot as unknown as { context: Pick<TaskContext, 'deadline' | 'escalation'> }).context;
    const item = byUnit.get(task.unit.name) ?? { unitName: task.unit.name, tasks: [] };
    byUnit.set(task.unit.name, item);
    item.tasks.push({
      code: task.code,
      title: task.title,
      deadline: context.deadline,
      overdueWorkingDays: context.deadline !== null && now > context.deadline ? calendar.workingDaysBetween(context.deadline, now) : 0,
      state: task.state,
      since: context.escalation.lastNoticeAt ?? context.escalation.headAt ?? now,
      acknowledgedBy: context.escalation.acknowledgedBy,
    });
  }
  const person = { name: chairman.name, email: chairman.email, ...(chairman.title ? { title: chairman.title } : {}) };
  const view = {
    province: { name: province.name, timeZone: province.timeZone },
    chairman: person,
    date: now,
    items: [...byUnit.values()],
    followUp,
    to: [person],
    cc: [],
    taskCodes: [...new Set([...tasks.map((t) => t.code), ...Object.values(followUp).flatMap((list) => list.map((f) => f.code))])],
  };
  const rows = await deps.prisma.notification.createManyAndReturn({
    data: [
      {
        uniqueKey,
        taskId: null,
        kind: 'digest',
        level: 'chairman',
        recipients: [chairman.email],
        cc: [],
        subject: digestSubjectFor(view),
        messageId: `<da06.digest.${date}@${messageIdDomain(deps.config.MAIL_FROM)}>`,
        view: view as unknown as db.Prisma.InputJsonValue,
        notBefore: new Date(now),
        nextAttemptAt: new Date(now),
      },
    ],
    skipDuplicates: true,
    select: { id: true, nextAttemptAt: true, attempts: true },
  });
  await enqueueMail(deps, rows);
  deps.logger.info({ date, tasks: tasks.length }, 'digest prepared');
  return 'created';
}

/** The digest's follow-up lists, from the overview's attention lists. */
function digestFollowUp(attention: Attention): NonNullable<DigestView['followUp']> {
  const line = (t: { code: string; title: string; unitName: string }, at: number | null): DigestFollowUp => ({
    code: t.code,
    title: t.title,
    unitName: t.unitName,
    at,
  });
  return {
    dueSoon: attention.dueSoon.map((t) => line(t, t.since)),
    explanationsMissing: attention.explanationsMissing.map((t) => line(t, t.since)),
    openObstacles: attention.openObstacles.map((o) => ({
      ...line(o, o.raisedAt),
      obstacle: { id: o.id, description: o.description, ageWorkingDays: o.ageWorkingDays },
    })),
    awaitingConfirmation: attention.awaitingConfirmation.map((t) => line(t, t.since)),
  };
}

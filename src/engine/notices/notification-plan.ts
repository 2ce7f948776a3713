import type { Config } from '../../config.js';
import { nextSendOpening } from '../../domain/send-window.js';
import { plannedValueAt } from '../../domain/indicator.js';
import { forecastIndicator } from '../../domain/indicator-forecast.js';
import { isReportStale, latestReport } from '../../domain/indicator-assessment.js';
import type { db } from '../../db/prisma.js';
import type {
  AnswerView,
  IndicatorView,
  NotificationView,
  PreviousNotice,
  Resolution,
} from '../../mail/notification-view.js';
import { subjectFor } from '../../mail/subject-for.js';
import type { NotifyParams, TaskContext } from '../../../workflows/task-types.js';
import { explanationOfBreach } from '../../../workflows/task-context.js';
import type { ProvinceContext } from '../province/province-context.js';
import { addressNotice } from './notice-address.js';
import type { RolePeople } from './recipients.js';

export interface NoticeTask {
  id: number;
  code: string;
  title: string;
  document: string | null;
  product: string | null;
  deadlineText: string | null;
  unit: { code: string; name: string; kind: string };
}

export interface NoticeContext {
  config: Config;
  province: ProvinceContext;
  task: NoticeTask;
  /** The task version the transition produced. */
  version: number;
  context: TaskContext;
  eventType: string;
  decidedAt: number;
  people: RolePeople;
  previous: PreviousNotice[];
  /** Message-ID of the task's first email, which every later one replies to. */
  threadRoot: string | null;
}

/** The domain used in Message-IDs: MAIL_FROM's, so replies thread in the recipients' clients. */
export function messageIdDomain(mailFrom: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'da06.local';
}

/** The deterministic Message-ID of the n-th notice of a task version. */
export function noticeMessageId(config: Config, taskCode: string, version: number, index: number): string {
  const code = taskCode.replace(/[^A-Za-z0-9.-]/g, '_');
  return `<da06.${code}.v${version}.${index}@${messageIdDomain(config.MAIL_FROM)}>`;
}

function indicatorView(ctx: NoticeContext): IndicatorView | null {
  const { context, decidedAt, province } = ctx;
  const indicator = context.indicator;
  if (!indicator) return null;
  const latest = latestReport(context.reports, decidedAt);
  const forecast =
    context.deadline !== null ? forecastIndicator(indicator, context.start, context.reports, context.deadline) : null;
  return {
    ...indicator,
    latest: latest?.value ?? null,
    latestAt: latest?.at ?? null,
    planned: context.deadline === null ? indicator.target : plannedValueAt(indicator, context.start, context.deadline, decidedAt),
    forecast: forecast?.value ?? null,
    stale: isReportStale(latest?.at ?? null, context.staleFrom, decidedAt, context.policy.reportStaleAfter, province.calendar),
  };
}

function resolutionOf(ctx: NoticeContext, params: NotifyParams): Resolution | null {
  if (params.kind !== 'resolved') return null;
  // A confirmed completion counts from the day it was submitted.
  if (params.note === 'completed' || ctx.eventType === 'COMPLETED') return { kind: 'completed', at: ctx.context.completedAt ?? ctx.decidedAt };
  if (ctx.eventType === 'DEADLINE_EXTENDED') return { kind: 'deadlineExtended', at: ctx.decidedAt };
  return { kind: 'backOnTrack', at: ctx.decidedAt };
}

/** What the unit answered, for the notices about its answers. */
function answerOf(context: TaskContext, params: NotifyParams): AnswerView | null {
  switch (params.kind) {
    case 'obstacle':
    case 'obstacle-resolved': {
      const obstacle = context.obstacles.find((o) => o.id === params.ref);
      if (!obstacle) return null;
      const { state: _state, ...told } = obstacle;
      return { obstacle: told };
    }
    case 'confirmation':
      return context.submission ? { submission: { ...context.submission }, reminder: params.note === 'reminder' } : null;
    case 'returned':
      return { returnedReason: context.returnedReason ?? '' };
    default:
      return null;
  }
}

/** Builds the frozen view of one notice: everything the email will say, as of the decision. */
export function buildNotificationView(ctx: NoticeContext, params: NotifyParams, uniqueKey: string): NotificationView {
  const { context, decidedAt, province, task, config } = ctx;
  const { to, cc, head, action, workspaceLinks, addressedAs } = addressNotice(config, ctx.people, params, { taskCode: task.code, uniqueKey, at: decidedAt });
  const deadline = context.deadline;
  const overdue = deadline !== null && decidedAt > deadline ? province.calendar.workingDaysBetween(deadline, decidedAt) : 0;
  const announced = context.escalation.announcedKind ?? 'overdue';
  return {
    kind: params.kind,
    level: params.level,
    ...(params.kind === 'repeat' ? { repeatOf: params.level === 'chairman' ? 'escalation' : announced } : {}),
    province: { name: province.name, timeZone: province.timeZone },
    task: {
      code: task.code,
      title: task.title,
      unitCode: task.unit.code,
      unitName: task.unit.name,
      unitKind: task.unit.kind,
      document: task.document,
      deadline,
      deadlineText: task.deadlineText,
      product: task.product,
    },
    to,
    cc,
    head,
    decidedAt,
    overdueWorkingDays: overdue,
    ...(deadline !== null && decidedAt <= deadline ? { daysLeft: province.calendar.workingDaysBetween(decidedAt, deadline) } : {}),
    indicator: indicatorView(ctx),
    previousNotices: ctx.previous,
    acknowledgedBy: context.escalation.acknowledgedBy,
    resolution: resolutionOf(ctx, params),
    action,
    explanationDueAt: context.explanationDueAt,
    explanation: explanationOfBreach(context),
    answer: answerOf(context, params),
    workspaceLinks,
    addressedAs,
  };
}

/** The outbox rows of a transition's notices (notices whose roles resolve to nobody are skipped). */
export function planNotifications(ctx: NoticeContext, notices: readonly NotifyParams[]): db.Prisma.NotificationCreateManyInput[] {
  const window = ctx.context.policy.sendWindow;
  const notBefore = window ? nextSendOpening(ctx.province.calendar, window, ctx.decidedAt) : ctx.decidedAt;
  const rows: db.Prisma.NotificationCreateManyInput[] = [];
  notices.forEach((params, index) => {
    const uniqueKey = `${ctx.task.code}/v${ctx.version}/${index}`;
    const view = buildNotificationView(ctx, params, uniqueKey);
    if (view.to.length === 0) return;
    const messageId = noticeMessageId(ctx.config, ctx.task.code, ctx.version, index);
    rows.push({
      uniqueKey,
      taskId: ctx.task.id,
      kind: params.kind,
      level: params.level,
      recipients: view.to.map((p) => p.email),
      cc: view.cc.map((p) => p.email),
      subject: subjectFor(view),
      messageId,
      // A task's first email starts its thread; every later one (even later in this same transition) replies to it.
      inReplyTo: ctx.threadRoot ?? rows[0]?.messageId ?? null,
      view: view as unknown as db.Prisma.InputJsonValue,
      notBefore: new Date(notBefore),
      nextAttemptAt: new Date(notBefore),
    });
  });
  return rows;
}

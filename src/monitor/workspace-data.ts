import { isDueSoon } from '../domain/due-soon.js';
import type { Indicator, ProgressPoint } from '../domain/indicator.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import { loadProvinceContext, type ProvinceContext } from '../engine/province/province-context.js';
import type { WorkspaceHolder } from '../engine/links/workspace-posts.js';
import { acceptedEventTypes, restoreSnapshot } from '../../workflows/task-snapshot.js';
import type { Explanation, Obstacle, Submission, TaskContext, TaskEventType } from '../../workflows/task-types.js';
import { taskContextOf } from './task-context-of.js';
import { taskFactsOf, type TaskFacts } from './task-facts.js';
import { WORKSPACE_ACTIONS, type WorkspaceAction } from './workspace-forms.js';

/** One open task as the workspace shows it. */
export interface WorkspaceTask extends TaskFacts {
  overdue: boolean;
  dueSoon: boolean;
  awaitingConfirmation: boolean;
  indicator: Indicator | null;
  /** Reported values, oldest first (the unit's own tasks only). */
  reports: ProgressPoint[];
  lastReport: { at: number; value: number; source: string } | null;
  /** The date an explanation is asked for by, while none was given since the breach opened; null when none is asked. */
  explanationDueAt: number | null;
  acknowledgedBy: string | null;
  acknowledgedUntil: number | null;
  explanations: Explanation[];
  obstacles: Obstacle[];
  submission: Submission | null;
  returnedReason: string | null;
  /** The actions whose event the task's state accepts now (the forms the page offers). */
  accepts: WorkspaceAction[];
}

/** What the workspace of one official shows. */
export interface WorkspaceData {
  holder: WorkspaceHolder;
  /** The unit's open tasks, most urgent first. */
  tasks: WorkspaceTask[];
  /** The standing agency's work across every unit (null for other units). */
  standing: { confirmations: WorkspaceTask[]; obstacles: { task: WorkspaceTask; obstacle: Obstacle }[] } | null;
  timeZone: string;
  now: number;
}

const FINAL_STATES = ['completed', 'cancelled'];

/** Reads the workspace of a verified holder: their unit's open tasks and, for the standing agency, what waits for it. Reads only. */
export async function loadWorkspace(deps: EngineDeps, holder: WorkspaceHolder): Promise<WorkspaceData> {
  const now = deps.now();
  const province = await loadProvinceContext(deps.prisma);
  const rows = await deps.prisma.task.findMany({
    where: { state: { notIn: FINAL_STATES }, ...(holder.standingAgency ? {} : { unitId: holder.unit.id }) },
    include: { unit: { select: { code: true, name: true } } },
  });
  const ownIds = rows.filter((r) => r.unitId === holder.unit.id).map((r) => r.id);
  const reports = await deps.prisma.progressReport.findMany({ where: { taskId: { in: ownIds } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  const reportsOf = new Map<number, typeof reports>();
  for (const r of reports) reportsOf.set(r.taskId, [...(reportsOf.get(r.taskId) ?? []), r]);

  const views = rows.map((row) => ({ row, view: taskView(province, row, reportsOf.get(row.id) ?? [], now) }));
  const tasks = views.filter((v) => v.row.unitId === holder.unit.id).map((v) => v.view).sort(byUrgency);
  const standing = holder.standingAgency
    ? {
        confirmations: views.map((v) => v.view).filter((t) => t.awaitingConfirmation).sort(byUrgency),
        obstacles: views
          .flatMap(({ view }) => view.obstacles.filter((o) => o.state === 'open').map((obstacle) => ({ task: view, obstacle })))
          .sort((a, b) => a.obstacle.raisedAt - b.obstacle.raisedAt),
      }
    : null;
  return { holder, tasks, standing, timeZone: province.timeZone, now };
}

type TaskRow = Awaited<ReturnType<EngineDeps['prisma']['task']['findMany']>>[number] & { unit: { code: string; name: string } };

function taskView(province: ProvinceContext, row: TaskRow, reports: { at: Date; value: number; source: string }[], now: number): WorkspaceTask {
  const context = taskContextOf(row);
  const facts = taskFactsOf(row);
  const { deadline } = facts;
  const awaitingConfirmation = row.state.startsWith('awaitingConfirmation');
  const last = reports[reports.length - 1];
  return {
    ...facts,
    overdue: deadline !== null && now > deadline,
    dueSoon: !awaitingConfirmation && context !== null && isDueSoon(province.calendar, deadline, context.policy?.remindBefore ?? [], now),
    awaitingConfirmation,
    indicator: (row.indicator as Indicator | null) ?? null,
    reports: reports.map((r) => ({ at: r.at.getTime(), value: r.value })),
    lastReport: last ? { at: last.at.getTime(), value: last.value, source: last.source } : null,
    explanationDueAt: explanationAskedBy(context),
    acknowledgedBy: context?.escalation?.acknowledgedBy ?? null,
    acknowledgedUntil: context?.escalation?.acknowledgedUntil ?? null,
    // Snapshots written before the unit could answer have none of these yet.
    explanations: context?.explanations ?? [],
    obstacles: context?.obstacles ?? [],
    submission: context?.submission ?? null,
    returnedReason: context?.returnedReason ?? null,
    accepts: acceptedActions(province, row),
  };
}

/**
 * The date an explanation is asked for by (`explanationDueAt`, set by an overdue or underperforming notice), or
 * null once the unit explained itself after the breach being escalated opened (or when nothing is asked).
 */
export function explanationAskedBy(context: Partial<TaskContext> | null): number | null {
  const due = context?.explanationDueAt ?? null;
  if (due === null) return null;
  const since = context?.openBreach?.at ?? Number.NEGATIVE_INFINITY;
  return (context?.explanations ?? []).some((e) => e.at >= since) ? null : due;
}

function acceptedActions(province: ProvinceContext, row: TaskRow): WorkspaceAction[] {
  let accepted: TaskEventType[];
  try {
    accepted = acceptedEventTypes(restoreSnapshot(province.machine, row));
  } catch {
    // A snapshot this build cannot read offers no form; posting still goes through dispatch, which says why.
    return [];
  }
  return (Object.keys(WORKSPACE_ACTIONS) as WorkspaceAction[]).filter((a) => accepted.includes(WORKSPACE_ACTIONS[a].event));
}

const URGENCY = (t: WorkspaceTask): number => (t.overdue ? 0 : t.dueSoon ? 1 : 2);

/** Most urgent first: overdue, then due soon, then the others; within each, the nearest deadline first (ongoing tasks last). */
export function byUrgency(a: WorkspaceTask, b: WorkspaceTask): number {
  return URGENCY(a) - URGENCY(b) || (a.deadline ?? Number.POSITIVE_INFINITY) - (b.deadline ?? Number.POSITIVE_INFINITY) || a.code.localeCompare(b.code);
}

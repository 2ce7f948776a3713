import { sqlOn } from '../db/sql.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import type { StatusSummary } from '../domain/status-summary.js';
import { loadAttention, type Attention } from '../engine/read/attention.js';
import { findProvinceContext } from '../engine/province/province-context.js';
import { loadStatusSummary } from '../engine/read/summary.js';
import { taskContextOf } from './task-context-of.js';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone.js';

/** A task escalated above its unit, as the overview lists it. */
export interface EscalatedTask {
  code: string;
  title: string;
  unitName: string;
  state: string;
  deadline: number | null;
  /** When the head was first told, from the machine context. */
  headAt: number | null;
  acknowledgedBy: string | null;
}

/** Everything the overview page shows, read from PostgreSQL as of `asOf`. */
export interface OverviewData {
  provinceName: string;
  timeZone: string;
  asOf: number;
  summary: StatusSummary;
  escalatedToHead: EscalatedTask[];
  escalatedToChairman: EscalatedTask[];
  /** Due soon, explanations missing, open obstacles, completions waiting for confirmation. */
  attention: Attention;
}

/** The province in the status classes, the units ranked by on-time rate, and the escalated tasks. */
export async function loadOverview(deps: EngineDeps): Promise<OverviewData> {
  const asOf = deps.now();
  // The same figures as `da06 summary` (history-aware: extensions, breaches never erased).
  const [province, summary, tasks] = await Promise.all([
    findProvinceContext(deps.prisma),
    loadStatusSummary(deps.prisma, asOf),
    deps.prisma.task.findMany({
      where: { escalationLevel: { not: 'none' } },
      select: {
        code: true,
        title: true,
        state: true,
        escalationLevel: true,
        deadline: true,
        snapshot: true,
        policy: true,
        indicator: true,
        unit: { select: { code: true, name: true } },
      },
      orderBy: { code: 'asc' },
    }),
  ]);
  const attention = province
    ? await loadAttention(sqlOn(deps.pool), province.calendar, asOf)
    : { dueSoon: [], explanationsMissing: [], openObstacles: [], awaitingConfirmation: [] };
  const escalatedToHead: EscalatedTask[] = [];
  const escalatedToChairman: EscalatedTask[] = [];
  for (const task of tasks) {
    const context = taskContextOf(task);
    const line: EscalatedTask = {
      code: task.code,
      title: task.title,
      unitName: task.unit.name,
      state: task.state,
      deadline: task.deadline?.getTime() ?? null,
      headAt: context?.escalation.headAt ?? null,
      acknowledgedBy: context?.escalation.acknowledgedBy ?? null,
    };
    (task.escalationLevel === 'chairman' ? escalatedToChairman : escalatedToHead).push(line);
  }
  return {
    provinceName: province?.name ?? 'tỉnh (chưa nạp tệp seed)',
    timeZone: province?.timeZone ?? DEFAULT_TIME_ZONE,
    asOf,
    summary,
    escalatedToHead,
    escalatedToChairman,
    attention,
  };
}

import { dispatch } from '../engine/write/dispatch.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import type { WorkspaceHolder } from '../engine/links/workspace-posts.js';
import { EventNotAcceptedError, TaskNotFoundError } from '../errors.js';
import type { FieldProblem } from './form-fields.js';
import { taskContextOf } from './task-context-of.js';
import { eventFromForm, WORKSPACE_ACTIONS, type WorkspaceAction } from './workspace-forms.js';
import { PROVINCE_ROW } from '../db/province-row.js';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone.js';

/** What a workspace POST asks for: an action on a task, or the answer to an obstacle (its task is read from its id). */
export type WorkspaceTarget = { kind: 'task'; code: string; action: WorkspaceAction } | { kind: 'obstacle'; id: string };

/** What became of a POST whose link, origin, content and csrf were already checked. */
export type PostOutcome =
  | { kind: 'recorded'; action: WorkspaceAction; task: string }
  | { kind: 'notFound' }
  | { kind: 'forbidden'; text: string }
  | { kind: 'badForm' }
  | { kind: 'invalid'; action: WorkspaceAction; problems: FieldProblem[] }
  | { kind: 'notAccepted'; task: string; action: WorkspaceAction; state: string; accepted: readonly string[]; reason: string | null };

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const OBSTACLE_ID = /^(.+)-V\d+$/;

/**
 * Turns a checked workspace form into its machine event and sends it through the one door, `dispatch`, with the
 * official as actor, channel `web` and the form's nonce as submission key (the same form posted twice records
 * once). A task of another unit is not found (its existence is not revealed); nothing is recorded on any refusal.
 */
export async function postWorkspaceAction(deps: EngineDeps, holder: WorkspaceHolder, target: WorkspaceTarget, form: Record<string, unknown>): Promise<PostOutcome> {
  const action: WorkspaceAction = target.kind === 'task' ? target.action : 'resolve-obstacle';
  const code = target.kind === 'task' ? target.code : (OBSTACLE_ID.exec(target.id)?.[1] ?? null);
  if (code === null) return { kind: 'notFound' };
  const [task, province] = await Promise.all([
    deps.prisma.task.findUnique({ where: { code }, select: { code: true, startAt: true, policy: true, indicator: true, snapshot: true, unit: { select: { code: true } } } }),
    deps.prisma.province.findUnique({ where: PROVINCE_ROW, select: { timeZone: true } }),
  ]);
  if (!task) return { kind: 'notFound' };
  const ownUnit = task.unit.code === holder.unit.code;
  const who = WORKSPACE_ACTIONS[action].who;
  if (who === 'standingAgency' ? !holder.standingAgency && !ownUnit : !ownUnit) return { kind: 'notFound' };
  if (who === 'standingAgency' && !holder.standingAgency) {
    return { kind: 'forbidden', text: 'Chỉ cơ quan thường trực Đề án 06 của tỉnh mới xác nhận, trả lại báo cáo hoàn thành hoặc trả lời vướng mắc.' };
  }
  if (who === 'head' && holder.role !== 'head') {
    return { kind: 'forbidden', text: 'Việc tiếp nhận do Thủ trưởng đơn vị xác nhận; cán bộ đầu mối không thực hiện thao tác này.' };
  }
  if (target.kind === 'obstacle' && !(taskContextOf(task)?.obstacles ?? []).some((o) => o.id === target.id)) return { kind: 'notFound' };
  if (action === 'report' && task.indicator === null) {
    return { kind: 'notAccepted', task: code, action, state: '', accepted: [], reason: 'Nhiệm vụ này không có chỉ tiêu định lượng nên không nhận báo cáo giá trị chỉ tiêu.' };
  }
  const nonce = form.nonce;
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) return { kind: 'badForm' };

  const read = eventFromForm(action, form, {
    now: deps.now(),
    by: holder.email,
    timeZone: province?.timeZone ?? DEFAULT_TIME_ZONE,
    taskStart: task.startAt.getTime(),
    obstacleId: target.kind === 'obstacle' ? target.id : null,
  });
  if (!read.ok) return { kind: 'invalid', action, problems: read.problems };

  // Scoped to the official, so nobody's nonce can stand in for another person's submission.
  const submissionKey = `web:${holder.id}:${nonce}`;
  try {
    await dispatch(deps, code, read.event, { actor: holder.email, channel: 'web', submissionKey });
  } catch (error) {
    if (error instanceof TaskNotFoundError) return { kind: 'notFound' };
    if (error instanceof EventNotAcceptedError) return { kind: 'notAccepted', task: code, action, state: error.state, accepted: error.accepted, reason: null };
    throw error;
  }
  deps.logger.info({ task: code, action, official: holder.id, unit: holder.unit.code }, 'workspace form recorded');
  return { kind: 'recorded', action, task: code };
}

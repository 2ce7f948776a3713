import { formatDayNumber } from '../domain/civil-date.js';
import type { TaskEvent } from '../../workflows/task-types.js';
import { FormFields, localDay, reportInstant, type FieldProblem } from './form-fields.js';

/** What an official can do from the workspace; each is one machine event. */
export type WorkspaceAction = 'report' | 'explain' | 'obstacle' | 'submit' | 'ack' | 'confirm' | 'return' | 'resolve-obstacle';

/** Who may take an action: anyone of the task's unit, its head only, or the standing agency (for any unit's task). */
export type ActionHolder = 'unit' | 'head' | 'standingAgency';

interface ActionSpec {
  event: TaskEvent['type'];
  /** The button, and the form's heading. */
  label: string;
  /** What the workspace says once it is recorded. */
  done: string;
  who: ActionHolder;
}

/** The workspace's actions, the machine event each dispatches, and who may take it. */
export const WORKSPACE_ACTIONS: Readonly<Record<WorkspaceAction, ActionSpec>> = {
  report: { event: 'PROGRESS_REPORTED', label: 'Báo cáo tiến độ', done: 'Đã ghi nhận báo cáo tiến độ', who: 'unit' },
  explain: { event: 'EXPLANATION_GIVEN', label: 'Giải trình', done: 'Đã ghi nhận nội dung giải trình', who: 'unit' },
  obstacle: { event: 'OBSTACLE_RAISED', label: 'Báo cáo khó khăn, vướng mắc', done: 'Đã gửi khó khăn, vướng mắc tới cơ quan thường trực', who: 'unit' },
  submit: { event: 'COMPLETION_SUBMITTED', label: 'Báo cáo hoàn thành', done: 'Đã gửi báo cáo hoàn thành; nhiệm vụ chờ cơ quan thường trực xác nhận', who: 'unit' },
  ack: { event: 'ACKNOWLEDGED', label: 'Xác nhận tiếp nhận', done: 'Đã ghi nhận việc Thủ trưởng tiếp nhận', who: 'head' },
  confirm: { event: 'COMPLETION_CONFIRMED', label: 'Xác nhận hoàn thành', done: 'Đã xác nhận hoàn thành nhiệm vụ', who: 'standingAgency' },
  return: { event: 'COMPLETION_RETURNED', label: 'Trả lại', done: 'Đã trả lại báo cáo hoàn thành cho đơn vị', who: 'standingAgency' },
  'resolve-obstacle': { event: 'OBSTACLE_RESOLVED', label: 'Gửi trả lời', done: 'Đã gửi trả lời vướng mắc tới đơn vị', who: 'standingAgency' },
};

/** True for the name of a workspace action. */
export function isWorkspaceAction(name: string): name is WorkspaceAction {
  return Object.hasOwn(WORKSPACE_ACTIONS, name);
}

/** The fields' names as the forms label them. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  value: 'Giá trị chỉ tiêu',
  at: 'Ngày số liệu',
  note: 'Ghi chú',
  cause: 'Nguyên nhân',
  remedy: 'Giải pháp khắc phục',
  commitDate: 'Ngày cam kết hoàn thành',
  description: 'Nội dung khó khăn, vướng mắc',
  needs: 'Đề xuất, kiến nghị',
  document: 'Số, ký hiệu văn bản',
  reason: 'Lý do trả lại',
  response: 'Nội dung trả lời',
};

/** What reading a form needs besides the form: who posts it, when, the province's time zone, the task's start. */
export interface FormContext {
  now: number;
  by: string;
  timeZone: string;
  taskStart: number;
  /** The obstacle answered (`resolve-obstacle` only). */
  obstacleId: string | null;
}

type Reader = (f: FormFields, c: FormContext) => TaskEvent | null;

const READERS: Readonly<Record<WorkspaceAction, Reader>> = {
  report(f, c) {
    const value = f.number('value');
    const day = f.date('at', { required: false });
    const note = f.text('note', { required: false });
    let at = c.now;
    if (day !== null) {
      at = reportInstant(day, c.now, c.timeZone);
      if (day > localDay(c.now, c.timeZone)) f.reject('at', 'là ngày trong tương lai; chỉ báo cáo số liệu đến hôm nay.');
      else if (at < c.taskStart) f.reject('at', 'trước ngày bắt đầu của nhiệm vụ.');
    }
    if (value === null) return null;
    return { type: 'PROGRESS_REPORTED', at, value, ...(note === null ? {} : { note }), by: c.by };
  },
  explain(f, c) {
    const cause = f.text('cause', { required: true });
    const remedy = f.text('remedy', { required: true });
    const commit = f.date('commitDate', { required: true });
    if (commit !== null && commit < localDay(c.now, c.timeZone)) f.reject('commitDate', 'đã qua; ngày cam kết phải từ hôm nay trở đi.');
    if (cause === null || remedy === null || commit === null) return null;
    return { type: 'EXPLANATION_GIVEN', at: c.now, cause, remedy, commitDate: formatDayNumber(commit), by: c.by };
  },
  obstacle(f, c) {
    const description = f.text('description', { required: true });
    const needs = f.text('needs', { required: false });
    if (description === null) return null;
    return { type: 'OBSTACLE_RAISED', at: c.now, description, needs, by: c.by };
  },
  submit(f, c) {
    const document = f.text('document', { required: false, singleLine: true });
    const note = f.text('note', { required: false });
    return { type: 'COMPLETION_SUBMITTED', at: c.now, document, note, by: c.by };
  },
  ack: (_f, c) => ({ type: 'ACKNOWLEDGED', at: c.now, by: c.by }),
  confirm: (_f, c) => ({ type: 'COMPLETION_CONFIRMED', at: c.now, by: c.by }),
  return(f, c) {
    const reason = f.text('reason', { required: true });
    if (reason === null) return null;
    return { type: 'COMPLETION_RETURNED', at: c.now, reason, by: c.by };
  },
  'resolve-obstacle'(f, c) {
    const response = f.text('response', { required: true });
    if (response === null || c.obstacleId === null) return null;
    return { type: 'OBSTACLE_RESOLVED', at: c.now, id: c.obstacleId, response, by: c.by };
  },
};

/** The machine event a posted workspace form stands for, or every problem of its fields (nothing to record). */
export function eventFromForm(
  action: WorkspaceAction,
  form: Record<string, unknown>,
  context: FormContext,
): { ok: true; event: TaskEvent } | { ok: false; problems: FieldProblem[] } {
  const fields = new FormFields(form, FIELD_LABELS);
  const event = READERS[action](fields, context);
  if (fields.problems.length > 0 || event === null) return { ok: false, problems: fields.problems };
  return { ok: true, event };
}

import { html, type SafeHtml } from './html.js';
import type { FieldProblem } from './form-fields.js';
import { FIELD_LABELS, WORKSPACE_ACTIONS, type WorkspaceAction } from './workspace-forms.js';

/** A form posted back with problems: shown open again, with what was typed and each problem next to its field. */
export interface PostedForm {
  /** `tasks/<CODE>/<action>` or `obstacles/<ID>/resolve`: the form it was. */
  target: string;
  values: Readonly<Record<string, string>>;
  problems: readonly FieldProblem[];
  nonce: string;
}

/** What every form of one workspace page carries. */
export interface FormFrame {
  /** The workspace's own path, `…/w/<token>`. */
  home: string;
  csrf: string;
  /** A fresh random submission key per form. */
  nonce(): string;
  posted: PostedForm | null;
}

interface FieldSpec {
  name: string;
  kind: 'line' | 'text' | 'date' | 'decimal';
  required: boolean;
  hint?: string;
}

function fieldView(id: string, spec: FieldSpec, posted: PostedForm | null): SafeHtml {
  const label = FIELD_LABELS[spec.name] ?? spec.name;
  const value = posted?.values[spec.name] ?? '';
  const problem = posted?.problems.find((p) => p.field === spec.name);
  const described = problem ? `${id}-error` : spec.hint ? `${id}-hint` : '';
  const common = html`id="${id}" name="${spec.name}" maxlength="2000"${spec.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${problem ? html` aria-invalid="true"` : ''}`;
  const control =
    spec.kind === 'text'
      ? html`<textarea ${common} rows="4">${value}</textarea>`
      : spec.kind === 'date'
        ? html`<input type="text" ${common} inputmode="numeric" placeholder="dd/mm/yyyy" autocomplete="off" value="${value}">`
        : spec.kind === 'decimal'
          ? html`<input type="text" ${common} inputmode="decimal" autocomplete="off" value="${value}">`
          : html`<input type="text" ${common} value="${value}">`;
  return html`<div class="field${problem ? ' has-error' : ''}">
<label for="${id}">${label}${spec.required ? html` <span class="req" aria-hidden="true">*</span>` : html` <span class="muted">(không bắt buộc)</span>`}</label>
${control}
${problem ? html`<p class="error" id="${id}-error">${problem.message}</p>` : spec.hint ? html`<p class="hint" id="${id}-hint">${spec.hint}</p>` : ''}
</div>`;
}

const FIELDS: Readonly<Record<WorkspaceAction, readonly FieldSpec[]>> = {
  report: [
    { name: 'value', kind: 'decimal', required: true, hint: 'Số thập phân dùng dấu phẩy hoặc dấu chấm, ví dụ 88,8.' },
    { name: 'at', kind: 'date', required: false, hint: 'Để trống nếu là số liệu hôm nay; ghi theo dạng dd/mm/yyyy.' },
    { name: 'note', kind: 'text', required: false },
  ],
  explain: [
    { name: 'cause', kind: 'text', required: true, hint: 'Nguyên nhân, lý do chậm tiến độ hoặc quá hạn.' },
    { name: 'remedy', kind: 'text', required: true, hint: 'Giải pháp chấn chỉnh, khắc phục của đơn vị.' },
    { name: 'commitDate', kind: 'date', required: true, hint: 'Ngày đơn vị cam kết hoàn thành, dạng dd/mm/yyyy.' },
  ],
  obstacle: [
    { name: 'description', kind: 'text', required: true },
    { name: 'needs', kind: 'text', required: false, hint: 'Cần hỗ trợ gì, từ cơ quan, đơn vị nào.' },
  ],
  submit: [
    { name: 'document', kind: 'line', required: false, hint: 'Văn bản báo cáo kết quả, ví dụ 123/BC-STTTT.' },
    { name: 'note', kind: 'text', required: false },
  ],
  ack: [],
  confirm: [],
  return: [{ name: 'reason', kind: 'text', required: true }],
  'resolve-obstacle': [{ name: 'response', kind: 'text', required: true }],
};

/**
 * One action's form, posting to `target` below the workspace; folded in a `<details>` (no script needed) unless
 * `folded` is false or it comes back with problems.
 */
export function actionForm(frame: FormFrame, target: string, action: WorkspaceAction, options: { folded?: boolean; intro?: SafeHtml | string } = {}): SafeHtml {
  const spec = WORKSPACE_ACTIONS[action];
  const posted = frame.posted?.target === target ? frame.posted : null;
  const idBase = `f-${target.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const form = html`<form method="post" action="${frame.home}/${target}" class="action-form" data-action="${action}">
<input type="hidden" name="csrf" value="${frame.csrf}">
<input type="hidden" name="nonce" value="${posted?.nonce ?? frame.nonce()}">
${options.intro ? html`<p>${options.intro}</p>` : ''}
${FIELDS[action].map((f) => fieldView(`${idBase}-${f.name}`, f, posted))}
<button type="submit">${spec.label}</button>
</form>`;
  if (options.folded === false && !posted) return form;
  return html`<details class="action"${posted ? html` open` : ''}><summary>${spec.label}</summary>${form}</details>`;
}

import { formatDate, formatDateTime, formatNumber } from '../domain/vietnamese-format.js';
import type { WorkspaceHolder } from '../engine/links/workspace-posts.js';
import { html, type SafeHtml } from './html.js';
import { indicatorSummary } from './indicator-summary.js';
import { levelLabel, stateLabel } from './monitor-labels.js';
import { statusBadge } from './task-page.js';
import { unitAnswersView } from './unit-answers-view.js';
import type { WorkspaceTask } from './workspace-data.js';
import { actionForm, type FormFrame } from './workspace-form-view.js';
import type { WorkspaceAction } from './workspace-forms.js';

/** The badges of a task: its status class, and "sắp đến hạn", "chờ xác nhận", "chậm tiến độ" when they hold. */
export function taskBadges(t: WorkspaceTask): SafeHtml {
  return html`${statusBadge(t.statusClass)}${t.dueSoon ? html` <span class="badge warn due-soon">Sắp đến hạn</span>` : ''}${
    t.awaitingConfirmation ? html` <span class="badge info">Chờ xác nhận hoàn thành</span>` : ''
  }${t.underperforming ? html` <span class="badge warn">Chỉ tiêu chậm tiến độ</span>` : ''}`;
}

/** What is asked of the unit now, one line each. */
function asks(t: WorkspaceTask, holder: WorkspaceHolder, timeZone: string): SafeHtml | '' {
  const lines: SafeHtml[] = [];
  if (t.explanationDueAt !== null) lines.push(html`<li class="ask-explain">Đề nghị giải trình trước ${formatDate(t.explanationDueAt, timeZone)}</li>`);
  if (t.awaitingConfirmation) lines.push(html`<li class="ask-confirmation">Chờ xác nhận hoàn thành</li>`);
  if (needsAck(t, holder)) lines.push(html`<li class="ask-ack">Đề nghị Thủ trưởng đơn vị xác nhận tiếp nhận và chỉ đạo xử lý</li>`);
  return lines.length ? html`<ul class="asks" aria-label="Đề nghị">${lines}</ul>` : '';
}

function needsAck(t: WorkspaceTask, holder: WorkspaceHolder): boolean {
  return holder.role === 'head' && t.escalationLevel !== 'none' && t.acknowledgedBy === null && t.accepts.includes('ack');
}

/** The unit's forms the task's state accepts, in the order people need them; `ack` for the head only. */
function unitForms(t: WorkspaceTask, holder: WorkspaceHolder, frame: FormFrame): SafeHtml {
  const offered: WorkspaceAction[] = (['report', 'explain', 'obstacle', 'submit'] as const).filter(
    (a) => t.accepts.includes(a) && (a !== 'report' || t.indicator !== null),
  );
  const target = (a: WorkspaceAction) => `tasks/${t.code}/${a}`;
  const ack = needsAck(t, holder)
    ? actionForm(frame, target('ack'), 'ack', { folded: false, intro: 'Xác nhận đồng chí đã tiếp nhận và đang chỉ đạo xử lý nhiệm vụ này; việc báo cáo Chủ tịch UBND tỉnh được tạm hoãn theo quy định.' })
    : '';
  return html`<div class="forms">${ack}${offered.map((a) => actionForm(frame, target(a), a))}</div>`;
}

/** One task of the official's unit: facts, what is asked, the indicator with its chart, what was answered, the forms. */
export function workspaceTaskCard(t: WorkspaceTask, holder: WorkspaceHolder, frame: FormFrame, timeZone: string, now: number): SafeHtml {
  const u = t.indicator && t.indicator.unit.trim() !== '%' ? ` ${t.indicator.unit}` : '%';
  return html`<article class="ws-task" id="task-${t.code}" data-code="${t.code}">
<h3>${t.code} — ${t.title}</h3>
<p class="badges">${taskBadges(t)}</p>
${asks(t, holder, timeZone)}
<dl class="facts">
<dt>Thời hạn</dt><dd>${t.deadline === null ? 'Thường xuyên' : formatDateTime(t.deadline, timeZone)}${t.deadlineText ? html` <span class="muted">(${t.deadlineText})</span>` : ''}</dd>
<dt>Trạng thái</dt><dd>${stateLabel(t.state)}</dd>
<dt>Mức đôn đốc</dt><dd>${levelLabel(t.escalationLevel)}</dd>
${t.acknowledgedBy ? html`<dt>Tiếp nhận</dt><dd>${t.acknowledgedBy}${t.acknowledgedUntil !== null ? html` (tạm hoãn báo cáo Chủ tịch đến ${formatDateTime(t.acknowledgedUntil, timeZone)})` : ''}</dd>` : ''}
${t.document ? html`<dt>Văn bản giao</dt><dd>${t.document}</dd>` : ''}
<dt>Báo cáo gần nhất</dt><dd class="last-report">${t.lastReport ? html`${formatNumber(t.lastReport.value)}${u} ngày ${formatDate(t.lastReport.at, timeZone)} <span class="muted">(${t.lastReport.source})</span>` : 'Chưa có'}</dd>
</dl>
${t.indicator ? html`<h4>Chỉ tiêu: ${t.indicator.name}</h4>${indicatorSummary({ indicator: t.indicator, start: t.start, deadline: t.deadline, reports: t.reports, now, timeZone })}` : ''}
${unitAnswersView(t, timeZone, 4)}
${unitForms(t, holder, frame)}
</article>`;
}

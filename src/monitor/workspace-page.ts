import { formatDateTime } from '../domain/vietnamese-format.js';
import { html, type SafeHtml } from './html.js';
import { pageLayout } from './page-layout.js';
import { obstacleView, typedText } from './unit-answers-view.js';
import type { WorkspaceData, WorkspaceTask } from './workspace-data.js';
import { actionForm, type FormFrame } from './workspace-form-view.js';
import { WORKSPACE_ACTIONS, type WorkspaceAction } from './workspace-forms.js';
import { taskBadges, workspaceTaskCard } from './workspace-task-card.js';

// Phones first: one column, 16 px text, full-width fields and buttons large enough for a thumb.
const STYLE = `
body{font-size:16px}
main{padding:16px 14px 48px;max-width:820px}
h1{font-size:21px}h3{font-size:17px;margin:0 0 6px}h4{font-size:16px;margin:14px 0 6px}h5{font-size:15px;margin:10px 0 4px}
.ws-task,.ws-item{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 14px}
.badges{margin:0 0 8px;display:flex;flex-wrap:wrap;gap:6px}
ul.asks{list-style:none;padding:0;margin:8px 0}
ul.asks li{background:#fff7ed;border-left:4px solid var(--donelate);padding:6px 10px;margin:4px 0;font-weight:600}
dl.facts{grid-template-columns:minmax(110px,max-content) 1fr}
.chart{overflow-x:auto}.chart svg{min-width:520px}
ol.answers,ul.answers{padding-left:20px}
details.action{border-top:1px solid var(--line);padding:8px 0}
details.action summary{cursor:pointer;font-weight:600;color:var(--accent);padding:8px 0;min-height:44px}
.field{margin:10px 0}
.field label{display:block;font-weight:600;margin-bottom:4px}
.field input,.field textarea{font:inherit;font-size:16px;width:100%;padding:10px;border:1px solid #9aa5b1;border-radius:6px;background:#fff}
.field.has-error input,.field.has-error textarea{border:2px solid var(--late)}
.field .error{color:var(--late);margin:4px 0 0;font-weight:600;overflow-wrap:anywhere}
.field .hint{color:var(--muted);margin:4px 0 0;font-size:14px}
.req{color:var(--late)}
button{min-height:44px;width:100%;font-size:16px;margin-top:6px}
.problems{border-left:5px solid var(--late)}
@media (min-width:640px){button{width:auto}}
@media (max-width:480px){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:6px}}
`;

/** The page options of every workspace page: no dashboard links, the origin sent with its forms, the phone style. */
export const WORKSPACE_PAGE = { nav: false, referrer: 'same-origin', style: STYLE } as const;

const ROLE: Record<'head' | 'contact', string> = { head: 'Thủ trưởng đơn vị', contact: 'Cán bộ đầu mối' };

/** What the page says at the top after a POST: what was recorded (303 → `?done=`), or the problems of a refused form. */
export type WorkspaceNotice =
  | { kind: 'done'; action: WorkspaceAction; task: string | null }
  | { kind: 'problems'; problems: readonly { message: string; value: string }[] }
  | { kind: 'tooMany'; limit: number; retryMinutes: number }
  | null;

function shown(value: string): string {
  const chars = [...value];
  return chars.length > 120 ? `${chars.slice(0, 120).join('')}… (${chars.length} ký tự)` : value;
}

function noticeView(notice: WorkspaceNotice): SafeHtml | '' {
  if (notice === null) return '';
  if (notice.kind === 'done') {
    return html`<div class="notice ok" role="status" id="flash"><p>${WORKSPACE_ACTIONS[notice.action].done}${notice.task ? html` (nhiệm vụ <strong>${notice.task}</strong>)` : ''}. Cảm ơn đồng chí.</p></div>`;
  }
  if (notice.kind === 'tooMany') {
    return html`<div class="notice problems" role="alert" id="problems"><p><strong>Chưa ghi nhận được:</strong> trong một giờ qua, đường dẫn này đã gửi đủ ${notice.limit} lần, mức tối đa cho phép.</p>
<p>Nội dung đồng chí vừa nhập vẫn còn trong biểu mẫu dưới đây; vui lòng gửi lại sau khoảng ${notice.retryMinutes} phút.</p></div>`;
  }
  return html`<div class="notice problems" role="alert" id="problems"><p><strong>Chưa ghi nhận được, vì:</strong></p>
<ul>${notice.problems.map((p) => html`<li>${p.message}${p.value ? html` Giá trị đã nhập: «<span class="typed">${shown(p.value)}</span>».` : ''}</li>`)}</ul>
<p>Vui lòng sửa các trường được đánh dấu rồi gửi lại.</p></div>`;
}

function confirmationItem(t: WorkspaceTask, frame: FormFrame, timeZone: string): SafeHtml {
  const s = t.submission;
  return html`<article class="ws-item confirmation" id="confirm-${t.code}" data-code="${t.code}">
<h3>${t.code} — ${t.title}</h3>
<p class="badges">${taskBadges(t)}</p>
<p>Đơn vị: <strong>${t.unit.name}</strong>${t.deadline !== null ? html` · thời hạn ${formatDateTime(t.deadline, timeZone)}` : ''}</p>
${s ? html`<p>${s.by} báo cáo hoàn thành lúc ${formatDateTime(s.at, timeZone)}${s.document ? html` · văn bản ${s.document}` : ''}</p>${s.note ? html`<p>${typedText(s.note)}</p>` : ''}` : ''}
${t.accepts.includes('confirm') ? actionForm(frame, `tasks/${t.code}/confirm`, 'confirm', { folded: false, intro: 'Xác nhận nhiệm vụ đã hoàn thành kể từ ngày đơn vị báo cáo.' }) : ''}
${t.accepts.includes('return') ? actionForm(frame, `tasks/${t.code}/return`, 'return') : ''}
</article>`;
}

function obstacleItem(item: { task: WorkspaceTask; obstacle: WorkspaceTask['obstacles'][number] }, frame: FormFrame, timeZone: string, now: number): SafeHtml {
  const days = Math.max(0, Math.floor((now - item.obstacle.raisedAt) / 86_400_000));
  return html`<article class="ws-item open-obstacle" data-obstacle="${item.obstacle.id}">
<h3>${item.task.code} — ${item.task.title}</h3>
<p>Đơn vị: <strong>${item.task.unit.name}</strong> · đã chờ ${days} ngày</p>
<ul class="answers">${obstacleView(item.obstacle, timeZone)}</ul>
${actionForm(frame, `obstacles/${item.obstacle.id}/resolve`, 'resolve-obstacle')}
</article>`;
}

/** The workspace of one official: their unit's open tasks, most urgent first, and for the standing agency what waits for it. */
export function workspacePage(data: WorkspaceData, frame: FormFrame, notice: WorkspaceNotice, linkExpiresAt: number): string {
  const { holder, timeZone: tz, now } = data;
  const standing = data.standing
    ? html`<h2>Việc chờ cơ quan thường trực</h2>
<section class="confirmations"><h3>Báo cáo hoàn thành chờ xác nhận (${data.standing.confirmations.length})</h3>
${data.standing.confirmations.length ? data.standing.confirmations.map((t) => confirmationItem(t, frame, tz)) : html`<p class="muted">Không có báo cáo hoàn thành nào chờ xác nhận.</p>`}</section>
<section class="open-obstacles"><h3>Khó khăn, vướng mắc chờ trả lời (${data.standing.obstacles.length})</h3>
${data.standing.obstacles.length ? data.standing.obstacles.map((o) => obstacleItem(o, frame, tz, now)) : html`<p class="muted">Không có vướng mắc nào chờ trả lời.</p>`}</section>`
    : '';
  const body = html`<h1>Không gian làm việc — ${holder.unit.name}</h1>
<p>Kính chào đồng chí <strong>${holder.name}</strong>${holder.title ? html`, ${holder.title}` : ''} (${ROLE[holder.role]}, ${holder.unit.name}).</p>
<p class="muted">Đường dẫn này dành riêng cho đồng chí (${holder.email}), có hiệu lực đến ${formatDateTime(linkExpiresAt, tz)}; đề nghị không chuyển tiếp cho người khác.</p>
${noticeView(notice)}
${standing}
<h2>Nhiệm vụ đơn vị đang thực hiện (${data.tasks.length})</h2>
${data.tasks.length ? data.tasks.map((t) => workspaceTaskCard(t, holder, frame, tz, now)) : html`<p class="muted">Đơn vị hiện không có nhiệm vụ đang thực hiện.</p>`}`;
  return pageLayout(`Không gian làm việc — ${holder.unit.name}`, body, WORKSPACE_PAGE);
}

/** A refused request (bad link, form, size, type) or a refused event: a title, what happened, and the way back when there is one. */
export function workspaceMessagePage(title: string, text: SafeHtml | string, home: string | null): string {
  return pageLayout(
    title,
    html`<h1>${title}</h1><div class="notice bad"><p>${text}</p></div>${home ? html`<p><a href="${home}">← Về không gian làm việc</a></p>` : ''}`,
    WORKSPACE_PAGE,
  );
}

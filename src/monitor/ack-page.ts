import { formatDateTime } from '../domain/vietnamese-format.js';
import { html, type SafeHtml } from './html.js';
import { levelLabel, stateLabel } from './monitor-labels.js';
import { pageLayout } from './page-layout.js';
import { statusBadge } from './task-page.js';

/** The task as an acknowledgement page shows it. */
export interface AckTaskView {
  code: string;
  title: string;
  unitName: string;
  state: string;
  statusClass: string;
  escalationLevel: string;
  deadline: number | null;
  acknowledgedBy: string | null;
  timeZone: string;
}

function taskFacts(t: AckTaskView): SafeHtml {
  return html`<dl class="facts">
<dt>Mã nhiệm vụ</dt><dd><strong>${t.code}</strong></dd>
<dt>Nhiệm vụ</dt><dd>${t.title}</dd>
<dt>Đơn vị chủ trì</dt><dd>${t.unitName}</dd>
<dt>Tình trạng</dt><dd>${statusBadge(t.statusClass)} · ${stateLabel(t.state)}</dd>
<dt>Mức đôn đốc</dt><dd>${levelLabel(t.escalationLevel)}</dd>
<dt>Thời hạn</dt><dd>${t.deadline === null ? 'Thường xuyên' : formatDateTime(t.deadline, t.timeZone)}</dd>
</dl>`;
}

/** GET: what will be acknowledged and one button that posts to the same link; nothing is recorded until it is pressed. */
export function ackConfirmPage(t: AckTaskView, by: string): string {
  const body = t.acknowledgedBy
    ? html`<h1>Nhiệm vụ đã được tiếp nhận</h1>${taskFacts(t)}
<div class="notice ok" style="margin-top:16px"><p>Việc tiếp nhận đã được ghi nhận trước đó (người tiếp nhận: ${t.acknowledgedBy}). Không cần thao tác thêm.</p></div>`
    : html`<h1>Xác nhận tiếp nhận nhiệm vụ</h1>${taskFacts(t)}
<div class="notice" style="margin-top:16px">
<p>Bằng việc bấm nút dưới đây, đồng chí <strong>${by}</strong> xác nhận đã tiếp nhận và đang chỉ đạo xử lý nhiệm vụ này.
Hệ thống sẽ ghi nhận việc tiếp nhận và tạm hoãn báo cáo Chủ tịch UBND tỉnh theo quy định.</p>
<form method="post"><button type="submit">Xác nhận tiếp nhận</button></form>
</div>`;
  return pageLayout(`Tiếp nhận ${t.code}`, body, { nav: false });
}

/** POST outcome pages: recorded now, recorded before, or not possible in the task's state. */
export function ackResultPage(t: AckTaskView, outcome: 'recorded' | 'already' | 'notAccepted', by: string, acknowledgedUntil: number | null): string {
  const until = acknowledgedUntil === null ? '' : html` Báo cáo Chủ tịch UBND tỉnh được tạm hoãn đến ${formatDateTime(acknowledgedUntil, t.timeZone)}.`;
  const message =
    outcome === 'recorded'
      ? html`<h1>Đã ghi nhận việc tiếp nhận</h1><div class="notice ok"><p>Cảm ơn đồng chí. Việc tiếp nhận nhiệm vụ <strong>${t.code}</strong> của ${by} đã được ghi nhận.${until}</p></div>`
      : outcome === 'already'
        ? html`<h1>Việc tiếp nhận đã được ghi nhận trước đó</h1><div class="notice ok"><p>Nhiệm vụ <strong>${t.code}</strong> đã được ${by} tiếp nhận; lần bấm này không thay đổi gì.${until}</p></div>`
        : html`<h1>Không cần tiếp nhận</h1><div class="notice bad"><p>Nhiệm vụ <strong>${t.code}</strong> hiện không ở mức cần Thủ trưởng tiếp nhận (${stateLabel(t.state)}, ${levelLabel(t.escalationLevel).toLowerCase()}); không có gì được ghi nhận.</p></div>`;
  return pageLayout(`Tiếp nhận ${t.code}`, html`${message}<h2>Nhiệm vụ</h2>${taskFacts(t)}`, { nav: false });
}

/** A refused link (forged, altered, expired) or a task that no longer exists. */
export function ackErrorPage(title: string, text: string): string {
  return pageLayout(title, html`<h1>${title}</h1><div class="notice bad"><p>${text}</p></div>`, { nav: false });
}

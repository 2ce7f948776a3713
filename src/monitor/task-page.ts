import { formatDate, formatDateTime, formatNumber } from '../domain/vietnamese-format.js';
import { delayNameOf } from '../engine/write/interpret-actions.js';
import { html, type SafeHtml } from './html.js';
import { indicatorSummary } from './indicator-summary.js';
import { unitAnswersView } from './unit-answers-view.js';
import { deliveryLabel, eventLabel, kindLabel, levelLabel, stateLabel } from './monitor-labels.js';
import { pageLayout } from './page-layout.js';
import type { TaskPageData, TimelineEntry } from './task-page-data.js';

/** The badge class of a status class: green on time, red late, amber done late, grey cancelled. */
export function statusBadge(statusClass: string): SafeHtml {
  const tone = statusClass.includes('quá hạn') ? (statusClass.startsWith('Hoàn thành') ? 'warn' : 'late') : statusClass === 'Đã hủy' ? '' : 'ok';
  return html`<span class="badge ${tone}">${statusClass}</span>`;
}

/** The page of one task: its facts, the chart of its indicator, its timeline of events and emails. */
export function taskPage(t: TaskPageData): string {
  const tz = t.timeZone;
  const ack = t.context?.escalation;
  const facts = html`<dl class="facts">
<dt>Đơn vị chủ trì</dt><dd><a href="/units/${encodeURIComponent(t.unit.code)}">${t.unit.name}</a> (${t.unit.code})</dd>
${t.document ? html`<dt>Văn bản giao</dt><dd>${t.document}</dd>` : ''}
<dt>Tình trạng</dt><dd>${statusBadge(t.statusClass)}</dd>
<dt>Trạng thái</dt><dd>${stateLabel(t.state)}${t.underperforming ? html` <span class="badge warn">Chỉ tiêu chậm tiến độ</span>` : ''}</dd>
<dt>Mức đôn đốc</dt><dd>${levelLabel(t.escalationLevel)}</dd>
${ack?.acknowledgedBy ? html`<dt>Tiếp nhận</dt><dd>${ack.acknowledgedBy}${ack.acknowledgedUntil ? html` (tạm hoãn báo cáo Chủ tịch đến ${formatDateTime(ack.acknowledgedUntil, tz)})` : ''}</dd>` : ''}
<dt>Ngày bắt đầu</dt><dd>${formatDate(t.start, tz)}</dd>
<dt>Thời hạn</dt><dd>${t.deadline === null ? 'Thường xuyên' : formatDateTime(t.deadline, tz)}${t.deadlineText ? html` <span class="muted">(${t.deadlineText})</span>` : ''}</dd>
${t.completedAt !== null ? html`<dt>Hoàn thành lúc</dt><dd>${formatDateTime(t.completedAt, tz)}</dd>` : ''}
</dl>`;
  const body = html`<p><a href="/">← Tổng quan</a></p>
<h1>${t.code} — ${t.title}</h1>
${facts}
${indicatorSection(t)}
${answersSection(t)}
<h2>Diễn biến</h2>
<table class="timeline">
<thead><tr><th>Thời điểm</th><th>Loại</th><th>Nội dung</th><th>Chi tiết</th></tr></thead>
<tbody>${t.timeline.map((e) => timelineRow(e, tz))}</tbody>
</table>
<h2>Lần kiểm tra tiếp theo</h2>
${
  t.pendingTimers.length
    ? html`<ul class="timers">${t.pendingTimers.map((p) => html`<li>${formatDateTime(p.fireAt, tz)} — ${eventLabel(`TIMER_${delayNameOf(p.sendId)}`)}${p.provisional ? html` <span class="badge warn">${p.provisional}</span>` : ''}</li>`)}</ul>`
    : html`<p class="muted">Không có.</p>`
}`;
  return pageLayout(`${t.code} — ${t.title}`, body);
}

function indicatorSection(t: TaskPageData): SafeHtml | '' {
  if (!t.indicator) return '';
  return html`<h2>Chỉ tiêu: ${t.indicator.name}</h2>
${indicatorSummary({ ...t, indicator: t.indicator })}`;
}

function answersSection(t: TaskPageData): SafeHtml | '' {
  const c = t.context;
  if (!c) return '';
  // Snapshots written before units could answer have none of these fields.
  return unitAnswersView({ explanations: c.explanations ?? [], obstacles: c.obstacles ?? [], submission: c.submission ?? null, returnedReason: c.returnedReason ?? null }, t.timeZone, 2);
}

function timelineRow(e: TimelineEntry, tz: string): SafeHtml {
  if (e.kind === 'event') {
    return html`<tr class="event"><td>${formatDateTime(e.at, tz)}</td><td><span class="badge info">Sự kiện</span></td>
<td>${eventLabel(e.type)}${eventDetail(e.payload)}</td><td class="muted">${e.actor ?? ''}${e.from !== e.to ? html` · ${stateLabel(e.from)} → ${stateLabel(e.to)}` : ''}</td></tr>`;
  }
  const tone = e.status === 'sent' ? 'ok' : e.status === 'failed' ? 'late' : 'warn';
  return html`<tr class="email"><td>${formatDateTime(e.at, tz)}</td><td><span class="badge">Thư</span></td>
<td>${kindLabel(e.notice)}<br><span class="muted">${e.subject}</span></td>
<td>Gửi: ${e.to.join(', ')}${e.cc.length ? html`<br>Đồng gửi: ${e.cc.join(', ')}` : ''}<br>
<span class="badge ${tone}">${deliveryLabel(e.status)}</span>${e.sentAt !== null ? html` lúc ${formatDateTime(e.sentAt, tz)}` : ''}${e.attempts > 1 ? html` · ${e.attempts} lần thử` : ''}${e.lastError && e.status !== 'sent' ? html`<br><span class="muted">Lỗi: ${e.lastError}</span>` : ''}</td></tr>`;
}

function eventDetail(payload: unknown): SafeHtml | '' {
  if (typeof payload !== 'object' || payload === null) return '';
  const p = payload as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof p.value === 'number') parts.push(`giá trị ${formatNumber(p.value)}`);
  if (typeof p.by === 'string') parts.push(p.by);
  if (typeof p.reason === 'string') parts.push(`lý do: ${p.reason}`);
  if (typeof p.document === 'string') parts.push(`văn bản: ${p.document}`);
  return parts.length ? html`: <span class="muted">${parts.join(' · ')}</span>` : '';
}

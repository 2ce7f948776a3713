import { STATUS_CLASSES, type StatusClass } from '../domain/status-class.js';
import { formatDate, formatDateTime, formatPercent } from '../domain/vietnamese-format.js';
import { html, type SafeHtml } from './html.js';
import { stateLabel } from './monitor-labels.js';
import type { EscalatedTask, OverviewData } from './overview-data.js';
import { pageLayout } from './page-layout.js';

const CLASS_COLORS: Record<StatusClass, string> = {
  'Đang thực hiện trong hạn': 'var(--ok)',
  'Đang thực hiện quá hạn': 'var(--late)',
  'Hoàn thành đúng hạn': 'var(--done)',
  'Hoàn thành quá hạn': 'var(--donelate)',
  'Đã hủy': 'var(--cancel)',
};

/** The overview page: the province in the status classes, units ranked by on-time rate, escalated tasks. */
export function overviewPage(data: OverviewData): string {
  const { summary, timeZone } = data;
  const rate = (r: number | null) => (r === null ? '—' : formatPercent(r * 100));
  const cards = STATUS_CLASSES.map(
    (c) => html`<div class="card status-card" style="--c:${CLASS_COLORS[c]}"><div class="n">${summary.province.byStatus[c]}</div><div class="l">${c}</div></div>`,
  );
  const unitRows = summary.units.map(
    (u) => html`<tr>
<td class="num">${u.rank ?? '—'}</td><td>${u.name} <span class="muted">(${u.code})</span></td>
${STATUS_CLASSES.map((c) => html`<td class="num">${u.byStatus[c]}</td>`)}
<td class="num">${u.total}</td><td class="num"><strong>${rate(u.onTimeRate)}</strong></td></tr>`,
  );
  const body = html`<h1>Tổng quan ${data.provinceName}</h1>
<p class="muted">Số liệu tại thời điểm ${formatDateTime(data.asOf, timeZone)} · ${summary.province.total} nhiệm vụ · tỷ lệ đúng hạn toàn tỉnh <strong>${rate(summary.province.onTimeRate)}</strong></p>
<section class="cards" aria-label="Nhiệm vụ theo tình trạng">${cards}</section>
<h2>Xếp hạng đơn vị theo tỷ lệ đúng hạn</h2>
<table class="units">
<thead><tr><th class="num">Hạng</th><th>Đơn vị</th>${STATUS_CLASSES.map((c) => html`<th class="num">${c}</th>`)}<th class="num">Tổng</th><th class="num">Tỷ lệ đúng hạn</th></tr></thead>
<tbody>${unitRows.length ? unitRows : html`<tr><td colspan="9" class="muted">Chưa có đơn vị nào.</td></tr>`}</tbody>
</table>
<p class="muted">Tỷ lệ đúng hạn = (Hoàn thành đúng hạn + Đang thực hiện trong hạn) / số nhiệm vụ không bị hủy.</p>
${escalatedSection('Nhiệm vụ đã báo cáo Chủ tịch UBND tỉnh', 'escalated-chairman', data.escalatedToChairman, timeZone)}
${escalatedSection('Nhiệm vụ đã báo cáo Thủ trưởng đơn vị', 'escalated-head', data.escalatedToHead, timeZone)}`;
  return pageLayout(`Tổng quan ${data.provinceName}`, body);
}

function escalatedSection(title: string, id: string, tasks: readonly EscalatedTask[], timeZone: string): SafeHtml {
  const rows = tasks.map(
    (t) => html`<tr>
<td class="code"><a href="/tasks/${encodeURIComponent(t.code)}">${t.code}</a></td><td>${t.title}</td><td>${t.unitName}</td>
<td>${stateLabel(t.state)}</td><td>${t.deadline === null ? 'Thường xuyên' : formatDate(t.deadline, timeZone)}</td>
<td>${t.headAt === null ? '—' : formatDateTime(t.headAt, timeZone)}</td>
<td>${t.acknowledgedBy ? html`<span class="badge ok">Đã tiếp nhận</span> <span class="muted">${t.acknowledgedBy}</span>` : html`<span class="badge warn">Chưa tiếp nhận</span>`}</td></tr>`,
  );
  return html`<h2 id="${id}">${title} (${tasks.length})</h2>
<table class="${id}">
<thead><tr><th>Mã</th><th>Nhiệm vụ</th><th>Đơn vị</th><th>Tình trạng</th><th>Hạn</th><th>Báo cáo Thủ trưởng lúc</th><th>Tiếp nhận</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="7" class="muted">Không có nhiệm vụ nào.</td></tr>`}</tbody>
</table>`;
}

import { STATUS_CLASSES, type StatusClass } from '../domain/status-class.js';
import { formatDate, formatDateTime, formatPercent } from '../domain/vietnamese-format.js';
import { html, type SafeHtml } from './html.js';
import { stateLabel } from './monitor-labels.js';
import type { Attention, AttentionTask, OpenObstacle } from '../engine/read/attention.js';
import type { UnitSummary } from '../domain/status-summary.js';
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
<td class="num">${u.rank ?? '—'}</td><td><a href="/units/${encodeURIComponent(u.code)}">${u.name}</a> <span class="muted">(${u.code})</span></td>
${STATUS_CLASSES.map((c) => html`<td class="num">${u.byStatus[c]}</td>`)}
<td class="num">${u.total}</td><td class="num"><strong>${rate(u.onTimeRate)}</strong></td></tr>`,
  );
  const body = html`<h1>Tổng quan ${data.provinceName}</h1>
<p class="muted">Số liệu tại thời điểm ${formatDateTime(data.asOf, timeZone)} · ${summary.province.total} nhiệm vụ · tỷ lệ đúng hạn toàn tỉnh <strong>${rate(summary.province.onTimeRate)}</strong></p>
<section class="cards" aria-label="Nhiệm vụ theo tình trạng">${cards}</section>
${attentionCards(data.attention)}
<h2>Tình trạng nhiệm vụ theo đơn vị</h2>
${unitChart(summary.units)}
<h2>Xếp hạng đơn vị theo tỷ lệ đúng hạn</h2>
<table class="units">
<thead><tr><th class="num">Hạng</th><th>Đơn vị</th>${STATUS_CLASSES.map((c) => html`<th class="num">${c}</th>`)}<th class="num">Tổng</th><th class="num">Tỷ lệ đúng hạn</th></tr></thead>
<tbody>${unitRows.length ? unitRows : html`<tr><td colspan="9" class="muted">Chưa có đơn vị nào.</td></tr>`}</tbody>
</table>
<p class="muted">Tỷ lệ đúng hạn = (Hoàn thành đúng hạn + Đang thực hiện trong hạn) / số nhiệm vụ không bị hủy.</p>
${escalatedSection('Nhiệm vụ đã báo cáo Chủ tịch UBND tỉnh', 'escalated-chairman', data.escalatedToChairman, timeZone)}
${escalatedSection('Nhiệm vụ đã báo cáo Thủ trưởng đơn vị', 'escalated-head', data.escalatedToHead, timeZone)}
${attentionSection('Nhiệm vụ sắp đến hạn', 'due-soon', data.attention.dueSoon, 'Thời hạn', timeZone)}
${attentionSection('Đơn vị chưa giải trình đúng hạn', 'explanations-missing', data.attention.explanationsMissing, 'Hạn giải trình', timeZone)}
${obstacleSection(data.attention.openObstacles, timeZone)}
${attentionSection('Báo cáo hoàn thành chờ xác nhận', 'awaiting-confirmation', data.attention.awaitingConfirmation, 'Báo cáo ngày', timeZone)}`;
  return pageLayout(`Tổng quan ${data.provinceName}`, body, { style: CHART_STYLE });
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

const CHART_STYLE = `
.attention .card a{color:inherit;text-decoration:none}.attention .card a:hover .l{text-decoration:underline}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;margin:6px 0}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
`;

/** The four things a chairman reads first, each linking to its list below. */
function attentionCards(attention: Attention): SafeHtml {
  const card = (id: string, label: string, n: number, color: string) =>
    html`<div class="card" style="--c:${color}"><a href="#${id}"><div class="n">${n}</div><div class="l">${label}</div></a></div>`;
  return html`<section class="cards attention" aria-label="Việc cần theo dõi" style="margin-top:12px">
${card('due-soon', 'Nhiệm vụ sắp đến hạn', attention.dueSoon.length, 'var(--donelate)')}
${card('explanations-missing', 'Chưa giải trình đúng hạn', attention.explanationsMissing.length, 'var(--late)')}
${card('open-obstacles', 'Vướng mắc chưa tháo gỡ', attention.openObstacles.length, 'var(--late)')}
${card('awaiting-confirmation', 'Hoàn thành chờ xác nhận', attention.awaitingConfirmation.length, 'var(--accent)')}
</section>`;
}

/** The four status classes per unit as stacked horizontal bars (cancelled tasks are left out), in one inline SVG. */
export function unitChart(units: readonly UnitSummary[]): SafeHtml {
  const classes = STATUS_CLASSES.filter((c) => c !== 'Đã hủy');
  const shown = units.filter((u) => classes.some((c) => u.byStatus[c] > 0));
  if (shown.length === 0) return html`<p class="muted">Chưa có nhiệm vụ nào.</p>`;
  const max = Math.max(...shown.map((u) => classes.reduce((n, c) => n + u.byStatus[c], 0)));
  const rowH = 26;
  const labelW = 260;
  const barW = 560;
  const height = shown.length * rowH + 8;
  const rows = shown.map((u, i) => {
    let x = labelW;
    const y = 4 + i * rowH;
    const segments = classes.map((c) => {
      const n = u.byStatus[c];
      const w = (n / max) * barW;
      const rect = n === 0 ? html`` : html`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${CLASS_COLORS[c]}"><title>${u.name}: ${c} ${n}</title></rect>`;
      x += w;
      return rect;
    });
    const total = classes.reduce((n, c) => n + u.byStatus[c], 0);
    return html`<g class="unit-bar" data-unit="${u.code}"><text x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end" font-size="13">${u.name}</text>${segments}<text x="${(x + 6).toFixed(1)}" y="${y + rowH / 2 + 4}" font-size="12" fill="#616e7c">${total}</text></g>`;
  });
  const legend = classes.map((c) => html`<span><i style="background:${CLASS_COLORS[c]}"></i>${c}</span>`);
  return html`<div class="chart" id="unit-chart"><div class="legend">${legend}</div>
<svg viewBox="0 0 ${labelW + barW + 40} ${height}" role="img" aria-label="Số nhiệm vụ theo tình trạng của từng đơn vị">${rows}</svg></div>`;
}

function attentionSection(title: string, id: string, tasks: readonly AttentionTask[], sinceLabel: string, timeZone: string): SafeHtml {
  const rows = tasks.map(
    (t) => html`<tr>
<td class="code"><a href="/tasks/${encodeURIComponent(t.code)}">${t.code}</a></td><td>${t.title}</td><td>${t.unitName}</td>
<td>${t.deadline === null ? 'Thường xuyên' : formatDate(t.deadline, timeZone)}</td><td>${t.since === null ? '—' : formatDate(t.since, timeZone)}${t.by ? html` <span class="muted">${t.by}</span>` : ''}</td></tr>`,
  );
  return html`<h2 id="${id}">${title} (${tasks.length})</h2>
<table class="${id}">
<thead><tr><th>Mã</th><th>Nhiệm vụ</th><th>Đơn vị</th><th>Hạn</th><th>${sinceLabel}</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="5" class="muted">Không có nhiệm vụ nào.</td></tr>`}</tbody>
</table>`;
}

function obstacleSection(obstacles: readonly OpenObstacle[], timeZone: string): SafeHtml {
  const rows = obstacles.map(
    (o) => html`<tr>
<td class="code"><a href="/tasks/${encodeURIComponent(o.code)}">${o.id}</a></td><td>${o.description}${o.needs ? html`<br><span class="muted">Đề xuất: ${o.needs}</span>` : ''}</td>
<td>${o.unitName}</td><td>${formatDate(o.raisedAt, timeZone)}</td><td class="num">${o.ageWorkingDays}</td>
<td>${o.escalated ? html`<span class="badge late">Đã báo cáo Chủ tịch</span>` : html`<span class="badge warn">Chờ trả lời</span>`}</td></tr>`,
  );
  return html`<h2 id="open-obstacles">Vướng mắc chưa được tháo gỡ (${obstacles.length})</h2>
<table class="open-obstacles">
<thead><tr><th>Mã</th><th>Vướng mắc</th><th>Đơn vị</th><th>Ngày báo cáo</th><th class="num">Số ngày làm việc</th><th>Tình trạng</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="6" class="muted">Không có vướng mắc nào.</td></tr>`}</tbody>
</table>`;
}

import { formatDate, formatDayOrDateTime, formatLocalDate, formatPercent } from '../domain/vietnamese-format.js';
import type { UnitKind } from '../domain/unit-kind.js';
import type { TermView, UnitHistory } from '../engine/read/unit-history.js';
import { html, type SafeHtml } from './html.js';
import { levelLabel } from './monitor-labels.js';
import { pageLayout } from './page-layout.js';
import { statusBadge } from './task-page.js';

const KINDS: Record<UnitKind, string> = {
  agency: 'Cơ quan',
  department: 'Sở, ban, ngành',
  commune: 'Xã',
  ward: 'Phường',
  'special-zone': 'Đặc khu',
  district: 'Cấp huyện (trước 01/07/2025)',
  external: 'Cơ quan ngành dọc',
};

/**
 * The page of one unit: its life (predecessors, successor), its heads and contacts by term, and its open, inherited
 * and passed tasks.
 */
export function unitPage(u: UnitHistory): string {
  const tz = u.timeZone;
  const when = (iso: string | null, none: string) => (iso === null ? none : formatDayOrDateTime(Date.parse(iso), tz));
  const day = (date: string | null, none: string) => (date === null ? none : formatLocalDate(date));
  const unitLink = (code: string | null) => (code === null ? '?' : html`<a href="/units/${encodeURIComponent(code)}">${code}</a>`);
  const taskLink = (code: string) => html`<a href="/tasks/${encodeURIComponent(code)}">${code}</a>`;
  const terms = (title: string, id: string, list: readonly TermView[]) =>
    list.length === 0
      ? ''
      : html`<h2 id="${id}">${title}</h2>
<table class="terms"><thead><tr><th>Họ tên</th><th>Chức vụ</th><th>Thư điện tử</th><th>Từ</th><th>Đến</th></tr></thead>
<tbody>${list.map(
          (t) => html`<tr${t.current ? html` class="current"` : ''}><td>${t.name}${t.current ? html` <span class="badge ok">Đương nhiệm</span>` : ''}</td><td>${t.title ?? '—'}</td><td>${t.email}</td>
<td>${when(t.since, 'trước khi có da06')}</td><td>${when(t.until, 'nay')}</td></tr>`,
        )}</tbody></table>`;
  const ceased = u.dissolved
    ? html`<dt>Chấm dứt hoạt động</dt><dd>${day(u.dissolved.on, '?')}, chuyển giao cho ${unitLink(u.dissolved.successor)}${u.dissolved.document ? html` (${u.dissolved.document})` : ''}${
        u.dissolved.tasksPassedAt ? html`; nhiệm vụ đã chuyển lúc ${when(u.dissolved.tasksPassedAt, '?')}` : '; nhiệm vụ chuyển vào ngày đó'
      }</dd>`
    : '';
  const facts = html`<dl class="facts">
<dt>Loại đơn vị</dt><dd>${KINDS[u.kind as UnitKind] ?? u.kind}${u.parent ? html` · trực thuộc ${unitLink(u.parent)}` : ''}</dd>
<dt>Hoạt động từ</dt><dd>${day(u.validFrom, 'trước khi có da06')}</dd>
${ceased}
${u.predecessors.length ? html`<dt>Tiếp nhận từ</dt><dd>${u.predecessors.map((p, i) => html`${i ? ', ' : ''}${unitLink(p.code)} (${p.name}, chấm dứt ${day(p.dissolvedOn, '?')})`)}</dd>` : ''}
${u.today ? html`<dt>Tỷ lệ đúng hạn hôm nay</dt><dd>${u.today.onTimeRate === null ? '—' : formatPercent(u.today.onTimeRate * 100)}${u.today.rank === null ? '' : html` · hạng ${u.today.rank}`}</dd>` : ''}
</dl>`;
  const open = u.openTasks.map(
    (t) => html`<tr><td class="code">${taskLink(t.code)}</td><td>${t.title}</td><td>${statusBadge(t.status)}</td><td>${levelLabel(t.escalationLevel)}</td>
<td>${t.deadline === null ? 'Thường xuyên' : formatDate(Date.parse(t.deadline), tz)}</td><td>${t.from ? html`từ ${unitLink(t.from)}, ${when(t.heldSince, '?')}` : '—'}</td></tr>`,
  );
  const moves = (title: string, id: string, rows: SafeHtml[]) => (rows.length ? html`<h2 id="${id}">${title} (${rows.length})</h2><ul class="moves">${rows}</ul>` : '');
  const body = html`<p><a href="/">← Tổng quan</a></p>
<h1>${u.name} (${u.code})</h1>
${facts}
${terms('Thủ trưởng đơn vị', 'heads', u.heads)}
${terms('Cán bộ đầu mối', 'contacts', u.contacts)}
<h2 id="open-tasks">Nhiệm vụ đang thực hiện (${u.openTasks.length})</h2>
<table class="open-tasks"><thead><tr><th>Mã</th><th>Nhiệm vụ</th><th>Tình trạng</th><th>Mức đôn đốc</th><th>Thời hạn</th><th>Chuyển đến từ</th></tr></thead>
<tbody>${open.length ? open : html`<tr><td colspan="6" class="muted">Không có nhiệm vụ đang thực hiện.</td></tr>`}</tbody></table>
${moves(
  'Nhiệm vụ tiếp nhận từ đơn vị khác',
  'inherited',
  u.inherited.map((t) => html`<li>${taskLink(t.code)} từ ${unitLink(t.from)}, ${when(t.at, '?')}${t.overdueWhenInherited ? html` <span class="badge late">đã quá hạn khi tiếp nhận</span>` : ''}${t.document ? html` (${t.document})` : ''}</li>`),
)}
${moves(
  'Nhiệm vụ đã chuyển giao',
  'passed-on',
  u.passedOn.map((t) => html`<li>${taskLink(t.code)} cho ${unitLink(t.to)}, ${when(t.at, '?')}${t.document ? html` (${t.document})` : ''}</li>`),
)}`;
  return pageLayout(`${u.name} (${u.code})`, body);
}

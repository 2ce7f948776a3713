import { plannedValueAt, type Indicator, type ProgressPoint } from '../domain/indicator.js';
import { formatDate, formatNumber } from '../domain/vietnamese-format.js';
import { html, SafeHtml } from './html.js';

/** What the chart of one task's indicator shows; instants in epoch milliseconds. */
export interface IndicatorChartInput {
  indicator: Indicator;
  start: number;
  /** null: an ongoing task, drawn without a trajectory. */
  deadline: number | null;
  reports: readonly ProgressPoint[];
  /** The forecast value at the deadline, when there is one. */
  forecast: number | null;
  now: number;
  timeZone: string;
}

const W = 760;
const H = 320;
const M = { left: 64, right: 150, top: 20, bottom: 44 };
const COLORS = { planned: '#64748b', target: '#15803d', report: '#1d4ed8', forecast: '#b45309', now: '#9ca3af', grid: '#e5e7eb' };

/** An inline SVG of an indicator: reported values, the planned line baseline→target, the target and the forecast. */
export function indicatorChart(input: IndicatorChartInput): SafeHtml {
  const { indicator, start, deadline, reports, forecast, now, timeZone } = input;
  const lastReport = reports.reduce((m, r) => Math.max(m, r.at), start);
  const x0 = Math.min(start, ...reports.map((r) => r.at));
  const x1 = Math.max(deadline ?? Math.max(now, lastReport), lastReport, x0 + 86_400_000);
  const values = [indicator.baseline, indicator.target, ...reports.map((r) => r.value), ...(forecast === null ? [] : [forecast])];
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const y0 = ticks[0] as number;
  const y1 = ticks[ticks.length - 1] as number;
  const sx = (t: number) => M.left + ((t - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const f = (n: number) => n.toFixed(1);
  const unit = indicator.unit.trim();
  const withUnit = (v: number) => `${formatNumber(v)}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;

  const grid = ticks.map(
    (v) => html`<line x1="${M.left}" x2="${W - M.right}" y1="${f(sy(v))}" y2="${f(sy(v))}" stroke="${COLORS.grid}"/>
<text x="${M.left - 8}" y="${f(sy(v) + 4)}" text-anchor="end" font-size="12" fill="#616e7c">${formatNumber(v)}</text>`,
  );
  const xLabels = [
    { t: x0, anchor: 'start' },
    { t: x1, anchor: 'end' },
  ].map(({ t, anchor }) => html`<text x="${f(sx(t))}" y="${H - M.bottom + 18}" text-anchor="${anchor}" font-size="12" fill="#616e7c">${formatDate(t, timeZone)}</text>`);

  const planned =
    deadline === null
      ? ''
      : html`<line class="planned" x1="${f(sx(start))}" y1="${f(sy(indicator.baseline))}" x2="${f(sx(deadline))}" y2="${f(sy(plannedValueAt(indicator, start, deadline, deadline)))}" stroke="${COLORS.planned}" stroke-width="2" stroke-dasharray="6 4"/>`;
  const target = html`<line class="target" x1="${M.left}" x2="${W - M.right}" y1="${f(sy(indicator.target))}" y2="${f(sy(indicator.target))}" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="2 3"/>
<text x="${W - M.right + 6}" y="${f(sy(indicator.target) + 4)}" font-size="12" fill="${COLORS.target}">Mục tiêu ${withUnit(indicator.target)}</text>`;
  const nowMark =
    now > x0 && now < x1
      ? html`<line x1="${f(sx(now))}" x2="${f(sx(now))}" y1="${M.top}" y2="${H - M.bottom}" stroke="${COLORS.now}" stroke-dasharray="3 3"/>
<text x="${f(sx(now))}" y="${M.top - 6}" text-anchor="middle" font-size="11" fill="#616e7c">Hôm nay</text>`
      : '';
  const sorted = [...reports].sort((a, b) => a.at - b.at);
  const line =
    sorted.length > 1
      ? html`<polyline class="reported" fill="none" stroke="${COLORS.report}" stroke-width="2.5" points="${sorted.map((r) => `${f(sx(r.at))},${f(sy(r.value))}`).join(' ')}"/>`
      : '';
  const points = sorted.map(
    (r) => html`<circle class="report-point" data-value="${r.value}" cx="${f(sx(r.at))}" cy="${f(sy(r.value))}" r="4.5" fill="${COLORS.report}"><title>${formatDate(r.at, timeZone)}: ${withUnit(r.value)}</title></circle>`,
  );
  const last = sorted[sorted.length - 1];
  const forecastMark =
    forecast === null || deadline === null
      ? ''
      : html`${last ? html`<line class="forecast" x1="${f(sx(last.at))}" y1="${f(sy(last.value))}" x2="${f(sx(deadline))}" y2="${f(sy(forecast))}" stroke="${COLORS.forecast}" stroke-width="2" stroke-dasharray="1 4" stroke-linecap="round"/>` : ''}
<circle class="forecast-point" data-value="${forecast}" cx="${f(sx(deadline))}" cy="${f(sy(forecast))}" r="5" fill="#fff" stroke="${COLORS.forecast}" stroke-width="2"><title>Dự báo khi đến hạn: ${withUnit(forecast)}</title></circle>
<text x="${W - M.right + 6}" y="${f(sy(forecast) + (Math.abs(sy(forecast) - sy(indicator.target)) < 14 ? 16 : 4))}" font-size="12" fill="${COLORS.forecast}">Dự báo ${withUnit(Math.round(forecast * 10) / 10)}</text>`;

  const legendItems = [
    { label: 'Giá trị báo cáo', color: COLORS.report, dash: '' },
    ...(deadline === null ? [] : [{ label: 'Lộ trình kế hoạch', color: COLORS.planned, dash: '6 4' }]),
    { label: 'Mục tiêu', color: COLORS.target, dash: '2 3' },
    ...(forecast === null || deadline === null ? [] : [{ label: 'Dự báo', color: COLORS.forecast, dash: '1 4' }]),
  ];
  // Each legend item is as wide as its label (about 7 px a character at 12 px) plus its swatch and a gap.
  const offsets = legendItems.reduce<number[]>((xs, _item, i) => [...xs, i === 0 ? 0 : (xs[i - 1] as number) + 30 + legendItems[i - 1]!.label.length * 7 + 24], []);
  const legend = legendItems.map(
    (item, i) => html`<g transform="translate(${M.left + (offsets[i] ?? 0)},${H - 10})"><line x1="0" x2="24" y1="-4" y2="-4" stroke="${item.color}" stroke-width="2.5" ${item.dash ? new SafeHtml(`stroke-dasharray="${item.dash}"`) : ''}/><text x="30" y="0" font-size="12" fill="#1f2933">${item.label}</text></g>`,
  );

  const title = `Chỉ tiêu ${indicator.name}: ${sorted.length} lần báo cáo, mục tiêu ${withUnit(indicator.target)}`;
  return html`<svg class="indicator-chart" viewBox="0 0 ${W} ${H + 8}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
<title>${title}</title>
${grid}${xLabels}
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#9aa5b1"/>
<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#9aa5b1"/>
${nowMark}${planned}${target}${forecastMark}${line}${points}${legend}
</svg>`;
}

/** Round y ticks (a step of 1, 2 or 5 times a power of ten) covering [lo, hi] with a little room, never empty. */
function niceTicks(lo: number, hi: number): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const rough = (span * 1.15) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const bottom = Math.floor((lo - span * 0.05) / step) * step;
  const start = lo >= 0 && bottom < 0 ? 0 : bottom;
  const ticks: number[] = [];
  for (let v = start; v < hi + span * 0.05 + step; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

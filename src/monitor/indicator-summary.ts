import { forecastIndicator } from '../domain/indicator-forecast.js';
import { plannedValueAt, type Indicator, type ProgressPoint } from '../domain/indicator.js';
import { formatDate, formatNumber } from '../domain/vietnamese-format.js';
import { html, type SafeHtml } from './html.js';
import { indicatorChart } from './indicator-chart.js';

/** What the summary of one indicator needs; instants in epoch milliseconds, reports oldest first. */
export interface IndicatorSummaryInput {
  indicator: Indicator;
  start: number;
  deadline: number | null;
  reports: readonly ProgressPoint[];
  now: number;
  timeZone: string;
}

/** The indicator's figures in one line (baseline → target, planned to date, last report, forecast) and its chart with the planned trajectory. */
export function indicatorSummary(input: IndicatorSummaryInput): SafeHtml {
  const { indicator, start, deadline, reports, now, timeZone: tz } = input;
  const forecast = deadline === null ? null : forecastIndicator(indicator, start, reports, deadline);
  const last = reports[reports.length - 1];
  const planned = deadline === null ? indicator.target : plannedValueAt(indicator, start, deadline, now);
  const u = indicator.unit.trim() === '%' ? '%' : ` ${indicator.unit}`;
  return html`<p>Ban đầu ${formatNumber(indicator.baseline)}${u} → mục tiêu ${formatNumber(indicator.target)}${u}
(${indicator.direction === 'increase' ? 'tăng' : 'giảm'}) · kế hoạch đến nay ${formatNumber(planned, 1)}${u}
· báo cáo gần nhất ${last ? html`<strong>${formatNumber(last.value)}${u}</strong> ngày ${formatDate(last.at, tz)}` : 'chưa có'}
${forecast ? html` · dự báo khi đến hạn <strong>${formatNumber(forecast.value, 1)}${u}</strong> (${forecast.meetsTarget ? 'đạt' : 'không đạt'} mục tiêu)` : ''}</p>
<div class="chart">${indicatorChart({ indicator, start, deadline, reports, forecast: forecast?.value ?? null, now, timeZone: tz })}</div>`;
}

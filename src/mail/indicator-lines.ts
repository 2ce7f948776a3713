/**
 * The indicator part of a notice: what was reported and when, what the plan expects by now, the target,
 * and where the current pace leads by the deadline.
 */
import type { Fact, Segment } from './content-parts.js';
import { formatDate, formatGap, formatValue } from './format-vi.js';
import type { IndicatorView } from './notification-view.js';
import { quoted } from './notice-wording.js';

/** One sentence for the lead: how far the reported value is from the plan, or how long it has not been reported. */
export function indicatorLead(indicator: IndicatorView, timeZone: string): Segment[] {
  const name = `Chỉ tiêu ${quoted(indicator.name)}`;
  const value = (v: number) => formatValue(v, indicator.unit);
  if (indicator.latest === null) {
    return [`${name} `, { strong: 'chưa có số liệu báo cáo' }, plannedClause(indicator, ', trong khi kế hoạch đến nay là '), '.'];
  }
  const at = indicator.latestAt === null ? '' : ` (ngày ${formatDate(indicator.latestAt, timeZone)})`;
  if (indicator.stale) {
    const since = indicator.latestAt === null ? '' : ` từ ngày ${formatDate(indicator.latestAt, timeZone)}`;
    return [`${name} `, { strong: `chưa được cập nhật số liệu${since}` }, `; số liệu gần nhất là ${value(indicator.latest)}.`];
  }
  const segments: Segment[] = [`${name}: số liệu gần nhất đạt `, { strong: value(indicator.latest) }, at];
  if (indicator.planned !== null) {
    segments.push(', kế hoạch đến nay là ', { strong: value(indicator.planned) });
    const gap = gapPhrase(indicator);
    if (gap) segments.push(` (${gap})`);
  }
  segments.push('.');
  return segments;
}

/** The indicator rows of the details table. */
export function indicatorFacts(indicator: IndicatorView, deadline: number | null, timeZone: string): Fact[] {
  const value = (v: number) => formatValue(v, indicator.unit);
  const facts: Fact[] = [{ label: 'Chỉ tiêu', value: indicator.name }];
  if (indicator.latest === null) {
    facts.push({ label: 'Số liệu báo cáo', value: 'Chưa có báo cáo', strong: true });
  } else {
    const at = indicator.latestAt === null ? '' : ` (ngày ${formatDate(indicator.latestAt, timeZone)})`;
    const stale = indicator.stale ? ' – đã quá thời hạn cập nhật' : '';
    facts.push({ label: 'Số liệu báo cáo', value: `${value(indicator.latest)}${at}${stale}`, strong: true });
  }
  if (indicator.planned !== null) {
    const gap = gapPhrase(indicator);
    facts.push({ label: 'Kế hoạch đến nay', value: value(indicator.planned) + (gap ? ` (${gap})` : '') });
  }
  facts.push({ label: 'Mục tiêu', value: `${value(indicator.target)} (ban đầu ${value(indicator.baseline)})` });
  if (indicator.forecast !== null) {
    const when = deadline === null ? '' : ` vào ${formatDate(deadline, timeZone)}`;
    const short = indicator.direction === 'increase' ? indicator.forecast < indicator.target : indicator.forecast > indicator.target;
    facts.push({
      label: 'Dự báo',
      value: `Với tốc độ hiện tại, dự kiến đạt ${value(indicator.forecast)}${when}${short ? ' – không đạt mục tiêu' : ''}`,
    });
  }
  return facts;
}

function plannedClause(indicator: IndicatorView, prefix: string): string {
  return indicator.planned === null ? '' : `${prefix}${formatValue(indicator.planned, indicator.unit)}`;
}

/** `thấp hơn kế hoạch 17,5 điểm phần trăm`, or null when the reported value meets the plan. */
function gapPhrase(indicator: IndicatorView): string | null {
  if (indicator.latest === null || indicator.planned === null) return null;
  const diff = indicator.latest - indicator.planned;
  const behind = indicator.direction === 'increase' ? diff < 0 : diff > 0;
  if (!behind || Math.abs(diff) < 1e-9) return null;
  return `${diff < 0 ? 'thấp hơn' : 'cao hơn'} kế hoạch ${formatGap(Math.abs(diff), indicator.unit)}`;
}

import { formatDateTime } from '../domain/vietnamese-format.js';
import { parseDateString } from '../domain/civil-date.js';
import type { Explanation, Obstacle, Submission } from '../../workflows/task-types.js';
import { html, SafeHtml } from './html.js';

/** What a unit answered on one task: explanations, obstacles with the province's answers, a completion submitted or returned. */
export interface UnitAnswers {
  explanations: readonly Explanation[];
  obstacles: readonly Obstacle[];
  submission: Submission | null;
  returnedReason: string | null;
}

/** A promised date `YYYY-MM-DD` as `dd/mm/yyyy` (as written when it is not a date). */
export function commitDateText(date: string): string {
  return parseDateString(date) === null ? date : date.split('-').reverse().join('/');
}

const heading = (level: number, text: string): SafeHtml => html`${new SafeHtml(`<h${level}>`)}${text}${new SafeHtml(`</h${level}>`)}`;

/** Multi-line text a person typed, escaped, its newlines kept. */
export function typedText(text: string): SafeHtml {
  return html`<span class="typed">${text}</span>`;
}

/** One obstacle: what was raised, by whom, and the answer once given. */
export function obstacleView(o: Obstacle, timeZone: string): SafeHtml {
  return html`<li class="obstacle ${o.state}" id="obstacle-${o.id}">
<p><strong>${o.id}</strong> · ${o.state === 'open' ? html`<span class="badge warn">Chờ trả lời</span>` : html`<span class="badge ok">Đã trả lời</span>`}${o.escalated ? html` <span class="badge late">Đã báo cáo Chủ tịch UBND tỉnh</span>` : ''}
<br><span class="muted">${o.by} gửi lúc ${formatDateTime(o.raisedAt, timeZone)}</span></p>
<p>${typedText(o.description)}</p>
${o.needs ? html`<p><em>Đề xuất, kiến nghị:</em> ${typedText(o.needs)}</p>` : ''}
${o.response !== null ? html`<p class="answer"><em>Trả lời${o.resolvedBy ? html` của ${o.resolvedBy}` : ''}${o.resolvedAt !== null ? html` (${formatDateTime(o.resolvedAt, timeZone)})` : ''}:</em> ${typedText(o.response)}</p>` : ''}
</li>`;
}

/** The unit's answers under a heading of `level`; nothing when it has answered nothing yet. */
export function unitAnswersView(a: UnitAnswers, timeZone: string, level: 2 | 3 | 4): SafeHtml | '' {
  if (!a.explanations.length && !a.obstacles.length && !a.submission && !a.returnedReason) return '';
  const sub = level + 1;
  const explanations = a.explanations.length
    ? html`${heading(sub, `Giải trình (${a.explanations.length})`)}<ol class="answers explanations">${[...a.explanations].reverse().map(
        (e) => html`<li class="explanation"><p class="muted">${e.by} · ${formatDateTime(e.at, timeZone)} · cam kết hoàn thành trước ${commitDateText(e.commitDate)}</p>
<p><em>Nguyên nhân:</em> ${typedText(e.cause)}</p><p><em>Giải pháp khắc phục:</em> ${typedText(e.remedy)}</p></li>`,
      )}</ol>`
    : '';
  const obstacles = a.obstacles.length ? html`${heading(sub, `Khó khăn, vướng mắc (${a.obstacles.length})`)}<ul class="answers obstacles">${a.obstacles.map((o) => obstacleView(o, timeZone))}</ul>` : '';
  const submission = a.submission
    ? html`${heading(sub, 'Báo cáo hoàn thành')}<p class="submission">${a.submission.by} báo cáo hoàn thành lúc ${formatDateTime(a.submission.at, timeZone)}${a.submission.document ? html` · văn bản ${a.submission.document}` : ''}${a.submission.note ? html`<br>${typedText(a.submission.note)}` : ''}</p>`
    : '';
  const returned = a.returnedReason ? html`<p class="returned"><em>Lần báo cáo hoàn thành trước đã bị trả lại, lý do:</em> ${typedText(a.returnedReason)}</p>` : '';
  return html`${heading(level, 'Đơn vị đã trả lời')}${explanations}${obstacles}${submission}${returned}`;
}

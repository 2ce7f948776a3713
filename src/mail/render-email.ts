/**
 * Renders a notice to its subject, plain-text part and HTML part. Pure: the templates are read once when
 * the module loads, nothing else touches the outside world.
 */
import { emailContent, type EmailContent } from './email-content.js';
import { renderHtml, renderText } from './mail-templates.js';
import type { NotificationView, RenderedEmail } from './notification-view.js';
import { TONE_COLORS } from './tone-colors.js';

export { renderDigest } from './render-digest.js';
export { subjectFor, digestSubjectFor } from './subject-for.js';

/** The subject, text and HTML of the notice described by `view`. */
export function renderEmail(view: NotificationView): RenderedEmail {
  const c = emailContent(view);
  const data = { c, tone: TONE_COLORS[c.tone], province: view.province.name, preheader: preheaderOf(c) };
  return { subject: c.subject, text: renderText('@email.txt', data), html: renderHtml('@email.html', data) };
}

/** The preview line mail apps show under the subject: the first sentence of the lead. */
function preheaderOf(c: EmailContent): string {
  const first = c.lead[0] ?? [];
  return first.map((s) => (typeof s === 'string' ? s : s.strong)).join('');
}

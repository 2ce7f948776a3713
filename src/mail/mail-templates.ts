/**
 * The eta templates of the emails, read once when this module loads (paths relative to this file) and
 * compiled by two engines: one escaping every `<%= %>` for HTML, one leaving plain text alone.
 */
import { readFileSync } from 'node:fs';
import { Eta } from 'eta';

export type TemplateName = '@email.html' | '@email.txt' | '@facts.html' | '@digest.html' | '@digest.txt';

const html = new Eta({ autoEscape: true, autoTrim: false, cache: true });
const text = new Eta({ autoEscape: false, autoTrim: false, cache: true });

function load(engine: Eta, name: TemplateName): void {
  const file = new URL(`./templates/${name.slice(1)}.eta`, import.meta.url);
  engine.loadTemplate(name, readFileSync(file, 'utf8'));
}

for (const name of ['@email.html', '@facts.html', '@digest.html'] as const) load(html, name);
for (const name of ['@email.txt', '@digest.txt'] as const) load(text, name);

/** Renders an HTML template; every `<%= %>` value is escaped. */
export function renderHtml(name: TemplateName, data: object): string {
  return html.render(name, data);
}

/** Renders a plain-text template; nothing is escaped, and surplus blank lines are squeezed. */
export function renderText(name: TemplateName, data: object): string {
  return `${text.render(name, data).replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

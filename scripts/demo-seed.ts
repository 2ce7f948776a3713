// `npx tsx scripts/demo-seed.ts OUT [--template FILE] [--today YYYY-MM-DD]`: writes the demo's seed file, which is
// the sample template (prisma/seeds/tuyen-quang-2026.yaml) with every date moved by the days between the template's
// `# sample-as-of:` day and today in the province's time zone. The dashboard then shows the same picture on any day:
// a few tasks overdue, a few due this week, most on time. The template stays a valid seed with fixed 2026 dates; the
// written file carries today as its own `sample-as-of`, and scripts/demo-answers.ts reads both to move the answers it
// records by the same number of days.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';

/** The sample template the demo starts from. */
export const SAMPLE_TEMPLATE = 'prisma/seeds/tuyen-quang-2026.yaml';

const AS_OF = /^# sample-as-of: (\d{4}-\d{2}-\d{2})\s*$/m;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?=$|T)/;
const DAY_MS = 86_400_000;

/** The `# sample-as-of: YYYY-MM-DD` day of a sample file: the day its dates are written as seen from. */
export function sampleAsOf(text: string, file = SAMPLE_TEMPLATE): string {
  const match = AS_OF.exec(text);
  if (!match?.[1] || dayNumber(match[1]) === null) {
    throw new Error(`${file}: no "# sample-as-of: YYYY-MM-DD" line; add one naming the day the sample's dates are written as seen from.`);
  }
  return match[1];
}

/** Whole days from civil date `from` to civil date `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null) throw new Error(`expected two dates as YYYY-MM-DD, got "${from}" and "${to}".`);
  return b - a;
}

/** Today's civil date (`YYYY-MM-DD`) in a time zone. */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * A date (`2026-12-10`) or ISO date-time (`2026-12-10T17:00:00+07:00`) moved by `days` whole days: only the date
 * part changes, so a time of day and its offset stay as written. Null when `text` does not start with a date.
 */
export function shiftDateText(text: string, days: number): string | null {
  const match = DATE_PREFIX.exec(text);
  if (!match) return null;
  const day = dayNumber(match[0]);
  if (day === null) return null;
  return new Date((day + days) * DAY_MS).toISOString().slice(0, 10) + text.slice(match[0].length);
}

/**
 * The sample's seed text with every task's `deadline`, `startDate` and indicator report `at` moved by `days`, the
 * `sample-as-of` line set to match, and every other character (comments, layout) as written. A deadline that is
 * neither a date nor "Thường xuyên" is refused: a month or a quarter cannot be moved by days.
 */
export function shiftSeedText(text: string, days: number, file = SAMPLE_TEMPLATE): string {
  const asOf = sampleAsOf(text, file);
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message ?? 'YAML syntax error'}`);
  const tasks = doc.get('tasks');
  if (!isSeq(tasks)) throw new Error(`${file}: no "tasks:" list to move.`);
  const edits: Edit[] = [];
  tasks.items.forEach((task, index) => {
    if (!isMap(task)) return;
    const code = String(task.get('code') ?? `tasks[${index}]`);
    edits.push(...dateEdit(text, task, 'deadline', days, `${file}: ${code}.deadline`, ['Thường xuyên']));
    edits.push(...dateEdit(text, task, 'startDate', days, `${file}: ${code}.startDate`, []));
    const reports = task.getIn(['indicator', 'reports'], true);
    if (isSeq(reports)) {
      reports.items.forEach((report, n) => {
        if (isMap(report)) edits.push(...dateEdit(text, report, 'at', days, `${file}: ${code}.indicator.reports[${n}].at`, []));
      });
    }
  });
  // Later edits first, so the offsets of earlier ones still hold.
  let out = text;
  for (const edit of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return out.replace(AS_OF, `# sample-as-of: ${shiftDateText(asOf, days) as string}`);
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

/** The edit that moves one date field of `map` in the source text (none when the field is absent or kept). */
function dateEdit(text: string, map: YAMLMap, key: string, days: number, where: string, kept: readonly string[]): Edit[] {
  const node = map.get(key, true);
  if (node === undefined || node === null) return [];
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'string' && kept.includes(value)) return [];
  const moved = typeof value === 'string' ? shiftDateText(value, days) : null;
  const range = isScalar(node) ? node.range : undefined;
  if (moved === null || !range) {
    throw new Error(`${where} is ${JSON.stringify(value ?? String(node))}: the demo can only move dates (YYYY-MM-DD or an ISO date-time)${kept.length ? ` or ${kept.map((k) => `"${k}"`).join(', ')}` : ''}; write it as a date in the sample.`);
  }
  // The source keeps its quotes, if any; only the characters of the value change.
  const source = text.slice(range[0], range[1]);
  const at = source.indexOf(value as string);
  if (at < 0) throw new Error(`${where}: write the date plainly (no escapes) so the demo can move it.`);
  return [{ from: range[0] + at, to: range[0] + at + (value as string).length, text: moved }];
}

function dayNumber(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { template: { type: 'string', default: SAMPLE_TEMPLATE }, today: { type: 'string' } },
  });
  const out = positionals[0];
  if (!out) throw new Error('usage: npx tsx scripts/demo-seed.ts OUT [--template FILE] [--today YYYY-MM-DD]');
  const template = readFileSync(values.template, 'utf8');
  const asOf = sampleAsOf(template, values.template);
  const timeZone = (parseDocument(template).getIn(['province', 'timezone']) as string | undefined) ?? 'Asia/Ho_Chi_Minh';
  const today = values.today ?? todayIn(timeZone);
  const days = daysBetween(asOf, today);
  writeFileSync(out, shiftSeedText(template, days, values.template));
  const when = days === 0 ? 'as written' : `moved ${days > 0 ? 'forward' : 'back'} ${Math.abs(days)} day(s)`;
  process.stdout.write(`Sample ${values.template} (as of ${asOf}) written for ${today}, its dates ${when}: ${out}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`demo-seed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

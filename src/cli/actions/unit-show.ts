import { formatDayOrDateTime, formatLocalDate } from '../../domain/vietnamese-format.js';
import { loadUnitHistory, type TermView, type UnitHistory } from '../../engine/read/unit-history.js';
import { printJson, withEngine } from '../with-engine.js';

/** `da06 unit show CODE [--json]`: predecessors, successor, heads and contacts with their terms, open tasks. */
export async function runUnitShow(code: string, options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const unit = await loadUnitHistory(engine, code);
    if (options.json) printJson(unit);
    else process.stdout.write(renderUnit(unit));
  });
}

/** The unit as people read it, one fact a line, days and times in the province's zone. */
export function renderUnit(u: UnitHistory): string {
  const when = (iso: string | null, none: string) => (iso === null ? none : formatDayOrDateTime(Date.parse(iso), u.timeZone));
  const day = (date: string | null, none: string) => (date === null ? none : formatLocalDate(date));
  const term = (t: TermView) =>
    `  ${t.name}${t.title ? `, ${t.title}` : ''} <${t.email}>: ${when(t.since, 'before da06')} → ${when(t.until, 'now')}${t.current ? ' (holds the post)' : ''}`;
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
  const ceased = u.dissolved
    ? `${day(u.dissolved.on, '?')} (ceased; successor ${u.dissolved.successor ?? '?'}${u.dissolved.document ? `, ${u.dissolved.document}` : ''}${u.dissolved.tasksPassedAt ? `; tasks passed ${when(u.dissolved.tasksPassedAt, '?')}` : '; its tasks pass on that day'})`
    : 'now';
  const lines = [
    `${u.code}  ${u.name} (${u.kind})${u.parent ? ` · under ${u.parent}` : ''}`,
    `  in being: ${day(u.validFrom, 'before da06')} → ${ceased}`,
    ...(u.predecessors.length ? [`  predecessors: ${u.predecessors.map((p) => `${p.code} (ceased ${day(p.dissolvedOn, '?')})`).join(', ')}`] : []),
    ...(u.today ? [`  today: on-time rate ${percent(u.today.onTimeRate)}${u.today.rank === null ? '' : `, rank ${u.today.rank}`}`] : []),
    '',
    'Heads',
    ...u.heads.map(term),
    ...(u.contacts.length ? ['', 'Contacts', ...u.contacts.map(term)] : []),
    '',
    `Open tasks (${u.openTasks.length})`,
    ...u.openTasks.map((t) => `  ${t.code}  ${t.status} · escalation ${t.escalationLevel}${t.from ? ` · from ${t.from} since ${when(t.heldSince, '?')}` : ''}  ${t.title}`),
    ...(u.inherited.length
      ? [
          '',
          'Inherited (counted here from the day each passed, with its history: already overdue then = overdue here from that day on)',
          ...u.inherited.map((t) => `  ${t.code} from ${t.from} on ${when(t.at, '?')}${t.overdueWhenInherited ? ' · already overdue' : ''}${t.document ? ` (${t.document})` : ''}`),
        ]
      : []),
    ...(u.passedOn.length ? ['', 'Passed on', ...u.passedOn.map((t) => `  ${t.code} to ${t.to} on ${when(t.at, '?')}${t.document ? ` (${t.document})` : ''}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

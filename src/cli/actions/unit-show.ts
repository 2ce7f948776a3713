import { loadUnitHistory, type TermView, type UnitHistory } from '../../engine/unit-history.js';
import { printJson, withEngine } from '../with-engine.js';

/** `da06 unit show CODE [--json]`: predecessors, successor, heads and contacts with their terms, open tasks. */
export async function runUnitShow(code: string, options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const unit = await loadUnitHistory(engine, code);
    if (options.json) printJson(unit);
    else process.stdout.write(renderUnit(unit));
  });
}

const term = (t: TermView) =>
  `  ${t.name}${t.title ? `, ${t.title}` : ''} <${t.email}>: ${t.since ?? 'before da06'} → ${t.until ?? 'now'}${t.current ? ' (holds the post)' : ''}`;

/** The unit as people read it, one fact a line. */
export function renderUnit(u: UnitHistory): string {
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
  const lines = [
    `${u.code}  ${u.name} (${u.kind})${u.parent ? ` · under ${u.parent}` : ''}`,
    `  in being: ${u.validFrom ?? 'before da06'} → ${u.dissolved ? `${u.dissolved.on} (ceased; successor ${u.dissolved.successor ?? '?'}${u.dissolved.document ? `, ${u.dissolved.document}` : ''}${u.dissolved.tasksPassedAt ? `; tasks passed ${u.dissolved.tasksPassedAt}` : '; tasks pass on that day'})` : 'now'}`,
    ...(u.predecessors.length ? [`  predecessors: ${u.predecessors.map((p) => `${p.code} (ceased ${p.dissolvedOn ?? '?'})`).join(', ')}`] : []),
    ...(u.today ? [`  today: on-time rate ${percent(u.today.onTimeRate)}${u.today.rank === null ? '' : `, rank ${u.today.rank}`}`] : []),
    '',
    'Heads',
    ...u.heads.map(term),
    ...(u.contacts.length ? ['', 'Contacts', ...u.contacts.map(term)] : []),
    '',
    `Open tasks (${u.openTasks.length})`,
    ...u.openTasks.map((t) => `  ${t.code}  ${t.status} · escalation ${t.escalationLevel}${t.from ? ` · from ${t.from} since ${t.heldSince ?? '?'}` : ''}  ${t.title}`),
    ...(u.inherited.length
      ? [
          '',
          'Inherited (counted here from the day each passed, with its history: already overdue then = overdue here from that day on)',
          ...u.inherited.map((t) => `  ${t.code} from ${t.from} at ${t.at ?? '?'}${t.overdueWhenInherited ? ' · already overdue' : ''}${t.document ? ` (${t.document})` : ''}`),
        ]
      : []),
    ...(u.passedOn.length ? ['', 'Passed on', ...u.passedOn.map((t) => `  ${t.code} to ${t.to} at ${t.at ?? '?'}${t.document ? ` (${t.document})` : ''}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

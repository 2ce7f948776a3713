import type { KindCounts, SeedKind, SeedOutcome } from './seed-outcome.js';

const NOUNS: Record<SeedKind, [string, string]> = {
  province: ['province', 'provinces'],
  units: ['unit', 'units'],
  officials: ['official', 'officials'],
  policies: ['policy', 'policies'],
  tasks: ['task', 'tasks'],
};
const KINDS = Object.keys(NOUNS) as SeedKind[];
const LIST_LIMIT = 50;

function noun(kind: SeedKind, n: number): string {
  return `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`;
}

function changedAnything(counts: Record<SeedKind, KindCounts>): boolean {
  return KINDS.some((k) => counts[k].created > 0 || counts[k].updated > 0);
}

/** The human summary of a seed import: counts per kind, every field update, what was left alone or not applied. */
export function renderSeedOutcome(outcome: SeedOutcome): string {
  const lines: string[] = [];
  const { counts } = outcome;
  const verb = outcome.dryRun ? 'would' : '';
  const head = outcome.dryRun
    ? `Dry run of ${outcome.file} for ${outcome.province}: nothing was written.`
    : `Imported ${outcome.file} for ${outcome.province} in ${outcome.seconds.toFixed(2)} s (one transaction).`;
  lines.push(head);
  if (!changedAnything(counts)) {
    const unchanged = KINDS.map((k) => noun(k, counts[k].unchanged)).join(', ');
    lines.push(`Nothing ${verb ? 'would change' : 'changed'} — unchanged: ${unchanged}.`);
  } else {
    for (const kind of KINDS) {
      const c = counts[kind];
      const parts = [
        `${c.created} ${verb ? 'to create' : 'created'}`,
        `${c.updated} ${verb ? 'to update' : 'updated'}`,
        `${c.unchanged} unchanged`,
        ...(c.leftAlone ? [`${c.leftAlone} left alone`] : []),
      ];
      lines.push(`  ${NOUNS[kind][1].padEnd(10)} ${parts.join(', ')}`);
    }
  }
  if (outcome.updates.length) {
    lines.push(verb ? 'Would update:' : 'Updated:');
    for (const u of outcome.updates) {
      lines.push(`  ${u.code}: ${u.field} ${u.from} → ${u.to}${u.via ? ` (${u.via})` : ''}`);
    }
  }
  if (outcome.leftAlone.length) {
    lines.push('Left alone (in the database, not in the file; nothing is ever deleted):');
    for (const kind of KINDS) {
      const codes = outcome.leftAlone.filter((l) => l.kind === kind).map((l) => l.code);
      if (!codes.length) continue;
      const shown = codes.slice(0, LIST_LIMIT).join(', ');
      lines.push(`  ${noun(kind, codes.length)}: ${shown}${codes.length > LIST_LIMIT ? `, … (${codes.length - LIST_LIMIT} more)` : ''}`);
    }
  }
  if (outcome.recomputed) {
    const { tasks, failed } = outcome.recomputed;
    lines.push(`The calendar changed: the working-day timers of ${tasks} running task(s) were computed again.`);
    for (const f of failed) lines.push(`  not recomputed: ${f} (run \`da06 calendar recompute\`)`);
  }
  for (const r of outcome.reorganised ?? []) {
    const shown = r.tasks.slice(0, LIST_LIMIT).join(', ');
    lines.push(`${r.unit} has ceased: ${r.tasks.length} open task(s) ${verb ? 'would pass' : 'passed'} to ${r.successor}: ${shown}${r.tasks.length > LIST_LIMIT ? ', …' : ''}`);
  }
  if (outcome.notApplied.length) {
    lines.push(verb ? 'Would not apply:' : 'Not applied:');
    for (const n of outcome.notApplied) lines.push(`  ${n.code}: ${n.field} — ${n.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

import { describe, expect, it } from 'vitest';
import { renderProblem } from '../../../src/seed/problem-collector.js';
import { validateSeed } from '../../../src/seed/validate-seed.js';
import { badReorganisations, MERGER_DAY, provinceAfterMerger, provinceBeforeMerger, UNIT } from '../../e2e/fixtures/reorganisation-cases.js';

const NOW = Date.parse('2026-11-26T08:00:00+07:00');
const startOfDay = (date: string) => Date.parse(`${date}T00:00:00+07:00`);

function problemsOf(doc: unknown): string[] {
  const result = validateSeed(doc, { now: NOW });
  return result.ok ? [] : result.problems.map(renderProblem);
}

describe('validateSeed on units with a life', () => {
  it('accepts the province before and after the merger, with the days read in the province time zone', () => {
    expect(problemsOf(provinceBeforeMerger())).toEqual([]);
    const result = validateSeed(provinceAfterMerger(), { now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stttt = result.seed.units[UNIT.STTTT];
    expect(stttt?.dissolved).toEqual({ on: startOfDay(MERGER_DAY), onText: MERGER_DAY, successor: 'SKHCNTQ', document: 'Nghị quyết số 202/2025/QH15' });
    expect(result.seed.units[UNIT.SKHCNTQ]?.validFrom).toBe(startOfDay(MERGER_DAY));
    expect(result.seed.units[UNIT.MINHXUAN]?.kind).toBe('ward');
  });

  it('reads a head named from a day as a term beginning at the start of it', () => {
    const doc = provinceAfterMerger();
    ((doc.units[UNIT.SKHCNTQ] as Record<string, unknown>).head as Record<string, unknown>).since = '05/01/2026';
    const result = validateSeed(doc, { now: NOW });
    expect(result.ok && result.seed.units[UNIT.SKHCNTQ]?.head.since).toBe(startOfDay('2026-01-05'));
  });

  it('accepts a split: a task of a ceasing unit named to another unit, and a chain of later mergers', () => {
    const doc = provinceAfterMerger();
    (doc.tasks[1] as Record<string, unknown>).unit = 'CA';
    (doc.units[UNIT.SKHCNTQ] as Record<string, unknown>).dissolved = { on: '2026-01-01', successor: 'CA' };
    expect(problemsOf(doc)).toEqual([]);
  });

  it.each(badReorganisations)('refuses $name, naming the field and the value', ({ mutate, path, value }) => {
    const doc = provinceAfterMerger();
    mutate(doc);
    const problems = problemsOf(doc);
    const line = problems.find((p) => p.startsWith(path));
    expect(line, `no problem at ${path} in:\n${problems.join('\n')}`).toBeDefined();
    expect(line).toContain(value);
  });

  it('has at least fifteen ways to get a reorganisation wrong', () => {
    expect(badReorganisations.length).toBeGreaterThanOrEqual(15);
  });
});

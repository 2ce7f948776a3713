import { describe, expect, it } from 'vitest';
import { renderProblem } from '../../../src/seed/problem-collector.js';
import { parseYamlSeed } from '../../../src/seed/read-seed-document.js';
import { validateSeed } from '../../../src/seed/validate-seed.js';
import { malformedCases, validSeed } from '../../e2e/fixtures/seed-cases.js';

const NOW = Date.parse('2026-11-26T08:00:00+07:00');

function problemsOf(doc: unknown): string[] {
  const result = validateSeed(doc, { now: NOW });
  return result.ok ? [] : result.problems.map(renderProblem);
}

describe('validateSeed', () => {
  it('accepts the valid sample and resolves its deadlines, policies and reports', () => {
    const result = validateSeed(validSeed(), { now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.seed.tasks.map((t) => t.deadline.kind)).toEqual(['instant', 'instant', 'ongoing']);
    expect(result.seed.tasks[1]?.reports).toEqual([{ at: Date.parse('2026-06-30T23:59:59.999+07:00'), value: 66.7 }]);
    expect(result.seed.policies.get('default')?.repeatEvery).toBe('P7D');
  });

  it.each(malformedCases)('rejects $name, naming the field and the value', ({ mutate, path, value }) => {
    const doc = validSeed();
    mutate(doc);
    const problems = problemsOf(doc);
    expect(problems.length).toBeGreaterThan(0);
    const line = problems.find((p) => p.startsWith(path));
    expect(line, `no problem at ${path} in:\n${problems.join('\n')}`).toBeDefined();
    expect(line).toContain(value);
  });

  it('collects every problem of the file at once', () => {
    const doc = validSeed();
    for (const c of malformedCases.slice(0, 5)) c.mutate(doc);
    (doc.tasks[0] as Record<string, unknown>).unit = 'STTT';
    (doc.tasks[2] as Record<string, unknown>).deadline = 'sớm';
    const problems = problemsOf(doc);
    expect(problems.length).toBeGreaterThanOrEqual(7);
    expect(problems.some((p) => p.startsWith('tasks[0].unit'))).toBe(true);
    expect(problems.some((p) => p.startsWith('tasks[2].deadline'))).toBe(true);
  });

  it('lists the known units when a task names an unknown one', () => {
    const doc = validSeed();
    (doc.tasks[0] as Record<string, unknown>).unit = 'STTT';
    expect(problemsOf(doc)).toContain('tasks[0].unit: unknown unit "STTT" — known: CA, STTTT, BACME');
  });

  it('gives the line of a problem in a YAML file', () => {
    const doc = parseYamlSeed(
      'x.yaml',
      ['province:', '  name: Tỉnh X', '  chairman: { name: A, email: a@example.gov.vn }', 'units: []', 'tasks:', '  - code: T1', '    title: x', '    unit: SYT', '    deadline: 2027-01-01'].join('\n'),
    );
    const result = validateSeed(doc.value, { now: NOW, locate: doc.locate });
    expect(result.ok ? [] : result.problems.map(renderProblem)).toEqual(['tasks[0].unit (line 8): unknown unit "SYT" — known: (none defined)']);
  });

  it('reads a deadline that falls on a day off as the end of the next working day', () => {
    const doc = validSeed();
    (doc.tasks[0] as Record<string, unknown>).deadline = '30/04/2027';
    const result = validateSeed(doc, { now: NOW });
    expect(result.ok && result.seed.tasks[0]?.deadline).toMatchObject({ kind: 'instant', movedFrom: '2027-04-30' });
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox, type Da06Sandbox } from './fixtures/run-da06.js';
import {
  badReorganisations,
  badReorganisationsAfterTheFact,
  MERGER_DOCUMENT,
  provinceAfterMerger,
  provinceBeforeMerger,
  withNewSkhcntqHead,
  type BadReorganisation,
} from './fixtures/reorganisation-cases.js';
import type { SeedDoc } from './fixtures/seed-cases.js';

let box: Da06Sandbox;
let files = 0;
const write = (doc: unknown, format: 'yaml' | 'json' = 'yaml') => {
  files += 1;
  const file = join(box.dir, `reorganisation-${files}.${format}`);
  writeFileSync(file, format === 'yaml' ? stringify(doc) : JSON.stringify(doc, null, 2));
  return file;
};
const json = async <T>(args: string[]): Promise<T> => {
  const r = await box.run([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};
// What a refused reorganisation must not change, beyond the sandbox's own fingerprint: the units' lives, the terms,
// which unit held each task.
const lives = async () =>
  JSON.stringify(
    await box.query(`
      SELECT (SELECT md5(coalesce(string_agg(code || coalesce("validFrom"::text, '') || coalesce("dissolvedOn"::text, '') || coalesce("successorCode", '') || coalesce("tasksPassedAt"::text, ''), ',' ORDER BY code), '')) FROM "Unit") AS units,
             (SELECT md5(coalesce(string_agg(email || coalesce("termStart"::text, '') || coalesce("termEnd"::text, '') || coalesce("readdressAt"::text, ''), ',' ORDER BY id), '')) FROM "Official") AS terms,
             (SELECT md5(coalesce(string_agg("taskId" || '@' || "unitId" || coalesce("heldUntil"::text, ''), ',' ORDER BY id), '')) FROM "TaskAssignment") AS holdings`),
  );

/** Runs each bad file through `da06 seed` (a few at once) and returns what it answered. */
async function refuse(cases: readonly BadReorganisation[], base: () => SeedDoc) {
  const results: { name: string; path: string; value: string; code: number; stderr: string }[] = [];
  for (let i = 0; i < cases.length; i += 6) {
    const batch = cases.slice(i, i + 6);
    results.push(
      ...(await Promise.all(
        batch.map(async (c, j) => {
          const doc = base();
          c.mutate(doc);
          const r = await box.run(['seed', write(doc, (i + j) % 2 ? 'json' : 'yaml')]);
          return { name: c.name, path: c.path, value: c.value, code: r.code, stderr: r.stderr };
        }),
      )),
    );
  }
  return results;
}

beforeAll(async () => {
  box = await openSandbox('reorganisation');
  const r = await box.run(['seed', write(provinceBeforeMerger())]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await box?.close();
});

describe('da06 seed with a merger written in', () => {
  it('refuses each impossible reorganisation with a message naming the field and the value, and changes nothing', { timeout: 180_000 }, async () => {
    const before = [await box.fingerprint(), await lives()];
    const results = await refuse(badReorganisations, provinceAfterMerger);
    for (const r of results) {
      expect(r.code, r.name).toBe(1);
      expect(r.stderr, r.name).toContain('nothing was changed');
      expect(r.stderr, r.name).toMatch(new RegExp(`${r.path.replace(/[[\].]/g, '\\$&')}[^\\n]*${r.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    expect([await box.fingerprint(), await lives()]).toEqual(before);
  });

  it('passes the open tasks of a merger dated in the past at once, and says which went where', async () => {
    const before = [await box.fingerprint(), await lives()];
    const dry = await box.run(['seed', write(provinceAfterMerger()), '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('STTTT has ceased: 3 open task(s) would pass to SKHCNTQ: M-A1, M-A2, M-A3');
    expect([await box.fingerprint(), await lives()]).toEqual(before);
    const r = await box.run(['seed', write(provinceAfterMerger())]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('SKHCN has ceased: 1 open task(s) passed to SKHCNTQ: M-B1');
    expect(r.stdout).toContain('STTTT has ceased: 3 open task(s) passed to SKHCNTQ: M-A1, M-A2, M-A3');
    const again = await box.run(['seed', write(provinceAfterMerger())]);
    expect(again.stdout).toContain('Nothing changed');
    expect(again.stdout).not.toContain('has ceased');
  });

  it('shows a moved task with its REASSIGNED event (from, to) and the units that held it', async () => {
    const t = await json<{ unit: string; escalationLevel: string; events: { type: string; payload: Record<string, unknown> }[]; units: { unit: string; from: string; until: string | null }[] }>(['task', 'show', 'M-A1']);
    expect(t.unit).toBe('SKHCNTQ');
    const moves = t.events.filter((e) => e.type === 'REASSIGNED');
    expect(moves).toEqual([expect.objectContaining({ payload: { from: 'STTTT', to: 'SKHCNTQ', unitKind: 'department', document: MERGER_DOCUMENT } })]);
    expect(t.units.map((u) => [u.unit, u.until])).toEqual([
      ['STTTT', '2025-06-30T17:00:00.000Z'],
      ['SKHCNTQ', null],
    ]);
    const text = await box.run(['task', 'show', 'M-A1']);
    expect(text.stdout).toContain(`unit STTTT → SKHCNTQ (${MERGER_DOCUMENT})`);
  });

  it('shows a unit’s history: predecessors, heads, open tasks and what it inherited already overdue', async () => {
    type Unit = {
      validFrom: string | null;
      dissolved: { on: string; successor: string } | null;
      predecessors: { code: string; dissolvedOn: string }[];
      heads: { email: string; current: boolean }[];
      openTasks: { code: string; from: string | null }[];
      inherited: { code: string; from: string; overdueWhenInherited: boolean }[];
      passedOn: { code: string; to: string }[];
    };
    const successor = await json<Unit>(['unit', 'show', 'SKHCNTQ']);
    expect(successor.validFrom).toBe('2025-07-01');
    expect(successor.predecessors).toEqual([expect.objectContaining({ code: 'SKHCN', dissolvedOn: '2025-07-01' }), expect.objectContaining({ code: 'STTTT', dissolvedOn: '2025-07-01' })]);
    expect(successor.heads).toEqual([expect.objectContaining({ email: 'giamdoc.skhcntq@tuyenquang.example.gov.vn', current: true })]);
    expect(successor.openTasks.map((t) => [t.code, t.from])).toEqual([
      ['M-A1', 'STTTT'],
      ['M-A2', 'STTTT'],
      ['M-A3', 'STTTT'],
      ['M-B1', 'SKHCN'],
    ]);
    expect(successor.inherited.find((t) => t.code === 'M-A1')).toMatchObject({ from: 'STTTT', overdueWhenInherited: true });
    expect(successor.inherited.find((t) => t.code === 'M-A2')).toMatchObject({ overdueWhenInherited: false });
    const old = await json<Unit>(['unit', 'show', 'STTTT']);
    expect(old.dissolved).toMatchObject({ on: '2025-07-01', successor: 'SKHCNTQ' });
    expect(old.heads).toEqual([expect.objectContaining({ email: 'giamdoc.stttt@tuyenquang.example.gov.vn', current: false })]);
    expect(old.passedOn.map((t) => t.to)).toEqual(['SKHCNTQ', 'SKHCNTQ', 'SKHCNTQ']);
    const refused = await box.run(['unit', 'show', 'NOPE']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Unit "NOPE" does not exist');
  });

  it('summarises a day before the merger under the old units, and a day after under the successor', async () => {
    type Summary = { units: { code: string; total: number; rank: number | null; ceased?: boolean }[] };
    const before = await json<Summary>(['summary', '--as-of', '2025-06-30']);
    expect(before.units.map((u) => u.code).sort()).toEqual(['CA', 'MINHXUAN', 'SKHCN', 'STTTT']);
    expect(before.units.find((u) => u.code === 'STTTT')?.total).toBe(3);
    const after = await json<Summary>(['summary', '--as-of', '2025-07-02']);
    expect(after.units.map((u) => u.code).sort()).toEqual(['CA', 'MINHXUAN', 'SKHCNTQ']);
    expect(after.units.find((u) => u.code === 'SKHCNTQ')?.total).toBe(4);
  });

  describe('on a province whose merger was carried out and whose successor has a new head', () => {
    beforeAll(async () => {
      const r = await box.run(['seed', write(withNewSkhcntqHead(provinceAfterMerger()))]);
      expect(r.code, r.stderr).toBe(0);
    });

    it('refuses what would rewrite that history, and changes nothing', { timeout: 120_000 }, async () => {
      const before = [await box.fingerprint(), await lives()];
      const results = await refuse(badReorganisationsAfterTheFact, () => withNewSkhcntqHead(provinceAfterMerger()));
      for (const r of results) {
        expect(r.code, `${r.name}: ${r.stderr}`).toBe(1);
        expect(r.stderr, r.name).toContain('nothing was changed');
        expect(r.stderr, r.name).toContain(r.path);
        expect(r.stderr, r.name).toContain(r.value);
      }
      expect([await box.fingerprint(), await lives()]).toEqual(before);
    });

    it('has refused at least fifteen bad reorganisations in all', () => {
      expect(badReorganisations.length + badReorganisationsAfterTheFact.length).toBeGreaterThanOrEqual(15);
    });
  });
});

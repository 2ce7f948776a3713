import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Da06Error } from '../../src/errors.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import { openSandbox, type Da06Sandbox } from './fixtures/run-da06.js';
import { validSeed } from './fixtures/seed-cases.js';

// Hostile input for `da06 seed`: a valid file with a few of its fields replaced or removed at random, or bytes
// that are not a seed at all. Whatever fast-check makes, a file da06 rejects gets a Da06Error naming the file
// (never a TypeError or a stack), and the command exits non-zero with the database as it was.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into `doc` (objects and arrays, all depths), the root excepted. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function mutate(doc: Json, path: (string | number)[], op: 'set' | 'delete', replacement: Json): void {
  let parent = doc as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
}

const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    '', ' ', '2024-02-30', '31/13/2024', 'Quý V/2024', 'Tháng 13/2024', 'Năm 99999', 'P-1D', 'PT', 'P1M', '-1', 'NaN', 'Infinity', '∞',
    'x'.repeat(5000), '<script>alert(1)</script>', 'a@', '@b', `'; DROP TABLE "Task"; --`, '\u0000', '25:99', 'CA', 'T-01', 'STTTT',
    'decrease', 'sideways', 'department', 'planet', -0, 1e308, -1, 0, 101, [], {},
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 3 }),
);

const edit = fc.record({ at: fc.nat(), op: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'), value: hostile });
const fuzzedSeed = fc.record({
  edits: fc.array(edit, { minLength: 1, maxLength: 3 }),
  format: fc.constantFrom<'yaml' | 'json'>('yaml', 'json'),
});
const garbage = fc.record({
  text: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('{', '[]', 'null', '---\n- a', 'tasks: [', '\uFEFF{}')),
  format: fc.constantFrom<'yaml' | 'json'>('yaml', 'json'),
});

let box: Da06Sandbox;
let counter = 0;
const NOW = Date.parse('2026-11-30T00:00:00Z');

beforeAll(async () => {
  box = await openSandbox('seed_fuzz');
  // A database that already holds the province, so "unchanged" means something.
  const file = join(box.dir, 'valid.yaml');
  writeFileSync(file, stringify(validSeed()));
  expect((await box.run(['seed', file])).code).toBe(0);
});
afterAll(async () => {
  await box?.close();
});

function writeFuzzed(text: string, format: 'yaml' | 'json'): string {
  counter += 1;
  const file = join(box.dir, `fuzz-${counter}.${format}`);
  writeFileSync(file, text);
  return file;
}

function fuzzedText(edits: { at: number; op: 'set' | 'delete'; value: Json }[], format: 'yaml' | 'json'): string {
  const doc = structuredClone(validSeed()) as unknown as Json;
  for (const { at, op, value } of edits) {
    const paths = pathsOf(doc);
    if (paths.length === 0) break;
    mutate(doc, paths[at % paths.length] as (string | number)[], op, value);
  }
  return format === 'yaml' ? stringify(doc) : JSON.stringify(doc, null, 2);
}

/** What `da06 seed` does with the file before it touches anything: the seed, or the clear error it reports. */
async function verdict(file: string): Promise<'accepted' | 'rejected'> {
  try {
    await loadSeed(file, { now: NOW });
    return 'accepted';
  } catch (error) {
    // A clear error: da06's own, naming the file, on a few lines (no stack trace, no "undefined").
    expect(error, String(error)).toBeInstanceOf(Da06Error);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).not.toMatch(/undefined|\[object Object\]|at .*\(.*:\d+:\d+\)/);
    return 'rejected';
  }
}

describe('da06 seed on fuzzed files', () => {
  it('rejects hundreds of broken seeds with a clear error naming the file', async () => {
    const seen = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fuzzedSeed, async ({ edits, format }) => {
        seen[await verdict(writeFuzzed(fuzzedText(edits, format), format))] += 1;
      }),
      { numRuns: 400, seed: 20261130 },
    );
    await fc.assert(
      fc.asyncProperty(garbage, async ({ text, format }) => {
        seen[await verdict(writeFuzzed(text, format))] += 1;
      }),
      { numRuns: 150, seed: 20261130 },
    );
    // Most edits break the file; some (a title replaced by another string) leave it valid, which is fine.
    expect(seen.rejected, JSON.stringify(seen)).toBeGreaterThan(300);
  });

  it('exits non-zero and leaves the database unchanged for a sample of them, through the real command', async () => {
    const before = await box.fingerprint();
    const samples = fc.sample(fuzzedSeed, { numRuns: 60, seed: 42 });
    let run = 0;
    for (const { edits, format } of samples) {
      const file = writeFuzzed(fuzzedText(edits, format), format);
      if ((await verdict(file)) === 'accepted') continue;
      const r = await box.run(['seed', file]);
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toContain(file);
      expect(r.stdout).toBe('');
      run += 1;
      if (run === 15) break;
    }
    expect(run).toBe(15);
    expect(await box.fingerprint()).toBe(before);
  });
});

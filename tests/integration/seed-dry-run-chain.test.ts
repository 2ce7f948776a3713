import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openEngine, type Engine } from '../../src/engine/engine-deps.js';
import { createLogger } from '../../src/logger.js';
import { importSeed } from '../../src/seed/import-seed.js';
import { validateSeed } from '../../src/seed/validate-seed.js';
import { MERGER_DOCUMENT, provinceBeforeMerger, UNIT } from '../e2e/fixtures/reorganisation-cases.js';
import type { SeedDoc } from '../e2e/fixtures/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';

const vn = (local: string) => Date.parse(`${local}+07:00`);

/** STTTT passes its tasks to SKHCN on 01/03/2025, and SKHCN, later, everything it holds to SKHCNTQ on 01/07/2025. */
function chain(): SeedDoc {
  const doc = provinceBeforeMerger();
  (doc.units[UNIT.STTTT] as Record<string, unknown>).dissolved = { on: '2025-03-01', successor: 'SKHCN', document: MERGER_DOCUMENT };
  (doc.units[UNIT.SKHCN] as Record<string, unknown>).dissolved = { on: '2025-07-01', successor: 'SKHCNTQ', document: MERGER_DOCUMENT };
  return doc;
}

// A file that dissolves one unit into another that is dissolved in its turn, both days past: the dry run says what
// the import then does, step by step, on real PostgreSQL.
describe('da06 seed --dry-run on a chain of dissolutions', () => {
  let db: TestDatabase;
  let queue: ReturnType<typeof createTestQueuePrefix>;
  let engine: Engine;
  let now = vn('2025-02-01T09:00:00');

  const seed = (doc: SeedDoc, dryRun: boolean) => {
    const result = validateSeed(doc, { now });
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    return importSeed(engine, result.seed, { file: 'chain.yaml', dryRun });
  };

  beforeAll(async () => {
    db = await createTestDatabase('dryrunchain');
    queue = createTestQueuePrefix('dryrunchain');
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queue.prefix, LOG_LEVEL: 'silent' });
    engine = await openEngine(config, createLogger('silent', 'stderr'), { now: () => now });
    await seed(provinceBeforeMerger(), false);
    now = vn('2025-08-01T09:00:00');
  });
  afterAll(async () => {
    await engine?.close();
    await queue?.cleanup();
    await db?.drop();
  });

  it('passes the first unit’s tasks on with the second’s, as the import then does', async () => {
    const dry = await seed(chain(), true);
    expect(dry.reorganised).toEqual([
      { unit: 'STTTT', successor: 'SKHCN', tasks: ['M-A1', 'M-A2', 'M-A3'] },
      { unit: 'SKHCN', successor: 'SKHCNTQ', tasks: ['M-A1', 'M-A2', 'M-A3', 'M-B1'] },
    ]);
    const held = await engine.prisma.task.findMany({ where: { code: { startsWith: 'M-' } }, select: { code: true, unit: { select: { code: true } } }, orderBy: { code: 'asc' } });
    expect(held.map((t) => `${t.code}@${t.unit.code}`)).toEqual(['M-A1@STTTT', 'M-A2@STTTT', 'M-A3@STTTT', 'M-B1@SKHCN', 'M-W1@MINHXUAN']);

    const real = await seed(chain(), false);
    expect(real.reorganised).toEqual(dry.reorganised);
    const after = await engine.prisma.task.findMany({ where: { code: { startsWith: 'M-' } }, select: { code: true, unit: { select: { code: true } } }, orderBy: { code: 'asc' } });
    expect(after.map((t) => `${t.code}@${t.unit.code}`)).toEqual(['M-A1@SKHCNTQ', 'M-A2@SKHCNTQ', 'M-A3@SKHCNTQ', 'M-B1@SKHCNTQ', 'M-W1@MINHXUAN']);
  });

  it('says nothing more would pass once the chain is carried out', async () => {
    const dry = await seed(chain(), true);
    expect(dry.reorganised).toEqual([]);
  });
});

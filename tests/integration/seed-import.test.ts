import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openEngine, type Engine } from '../../src/engine/engine-deps.js';
import { startTasks, type NewTaskInput } from '../../src/engine/write/start-task.js';
import { createLogger } from '../../src/logger.js';
import { importSeed } from '../../src/seed/import-seed.js';
import { inSeedTransaction } from '../../src/seed/seed-transaction.js';
import { validateSeed } from '../../src/seed/validate-seed.js';
import type { ValidSeed } from '../../src/seed/seed-types.js';
import { validSeed, type SeedDoc } from '../e2e/fixtures/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';

const NOW = Date.parse('2026-11-26T08:00:00+07:00');

interface Installation {
  db: TestDatabase;
  engine: Engine;
  sql: pg.Client;
  close(): Promise<void>;
}

async function openInstallation(label: string): Promise<Installation> {
  const db = await createTestDatabase(label);
  const queue = createTestQueuePrefix(label);
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queue.prefix, LOG_LEVEL: 'silent' });
  const engine = await openEngine(config, createLogger('silent', 'stderr'), { now: () => NOW });
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  return {
    db,
    engine,
    sql,
    async close() {
      await sql.end();
      await engine.close();
      await queue.cleanup();
      await db.drop();
    },
  };
}

function seedOf(doc: SeedDoc): ValidSeed {
  const result = validateSeed(doc, { now: NOW });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.seed;
}

/** Every row a seed import writes, in a form two databases can be compared by. */
async function rowsOf(sql: pg.Client): Promise<unknown> {
  const q = async (text: string) => (await sql.query(text)).rows;
  return {
    tasks: await q('SELECT * FROM "Task" ORDER BY id'),
    events: await q('SELECT * FROM "TaskEvent" ORDER BY id'),
    timers: await q('SELECT * FROM "Timer" ORDER BY id'),
  };
}

async function fingerprint(sql: pg.Client): Promise<string> {
  const { rows } = await sql.query(`
    SELECT (SELECT count(*) FROM "Province") AS p, (SELECT count(*) FROM "Unit") AS u, (SELECT count(*) FROM "Policy") AS pol,
           (SELECT count(*) FROM "Task") AS t, (SELECT count(*) FROM "TaskEvent") AS e, (SELECT count(*) FROM "Timer") AS ti,
           (SELECT count(*) FROM "ProgressReport") AS r,
           (SELECT md5(string_agg(name || email, ',' ORDER BY id)) FROM "Official") AS officials`);
  return JSON.stringify(rows[0]);
}

describe('a seed import', () => {
  let a: Installation;
  let b: Installation;

  beforeAll(async () => {
    [a, b] = await Promise.all([openInstallation('seedcopy'), openInstallation('seedjson')]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('writes the same tasks, events and timers whether it loads them with COPY or as JSON', async () => {
    const reference = seedOf({ ...validSeed(), tasks: [] });
    const tasks: NewTaskInput[] = seedOf(validSeed()).tasks.map((t, i) => ({
      code: t.code,
      title: `${t.title} "trích dẫn"\tcó tab\\gạch chéo`,
      unitCode: t.unitCode,
      coordinatingUnitCodes: [...t.coordinatingUnitCodes, 'Đơn vị "lạ", {x}'],
      document: i === 0 ? null : 'Dòng một\nDòng hai',
      product: null,
      start: t.start ?? NOW,
      deadline: t.deadline.kind === 'instant' ? t.deadline.at : null,
      deadlineText: t.deadline.text,
      policyName: t.policyName,
      policy: t.policy,
      indicator: t.indicator,
      seedHash: `hash-${i}`,
    }));
    for (const { engine } of [a, b]) await importSeed(engine, reference, { file: 'reference.yaml', dryRun: false });

    const copied = await inSeedTransaction({ databaseUrl: a.db.url, logger: a.engine.logger, timeout: 60_000 }, (tx, connection) =>
      startTasks(tx, a.engine, tasks, NOW, { connection }),
    );
    const sent = await b.engine.prisma.$transaction((tx) => startTasks(tx, b.engine, tasks, NOW));
    await Promise.all([copied(), sent()]);

    const rows = await rowsOf(a.sql);
    expect(rows).toEqual(await rowsOf(b.sql));
    expect((rows as { tasks: { title: string }[] }).tasks[0]?.title).toBe(tasks[0]?.title);
    expect(await a.engine.queues.timers.getDelayedCount()).toBe(await b.engine.queues.timers.getDelayedCount());
  });

  it('changes nothing, in PostgreSQL or in the queues, when it fails after writing rows', async () => {
    const c = await openInstallation('seedfail');
    try {
      // Reference data and one task exist; the file then changes an official and adds two tasks, whose Timer rows
      // PostgreSQL refuses (a trigger made for this test): the COPY of Timer rows fails, last of all.
      const first = validSeed();
      first.tasks = first.tasks.slice(2);
      await importSeed(c.engine, seedOf(first), { file: 'first.yaml', dryRun: false });
      const { rows } = await c.sql.query<{ next: number }>(`SELECT (SELECT last_value + 1 FROM "Task_id_seq")::int AS next`);
      const { next } = rows[0] as { next: number };
      await c.sql.query(`CREATE FUNCTION refuse_timer() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'Timer row refused for this test'; END $$ LANGUAGE plpgsql`);
      await c.sql.query(`CREATE TRIGGER refuse_timer BEFORE INSERT ON "Timer" FOR EACH ROW WHEN (NEW."taskId" >= ${Number(next)}) EXECUTE FUNCTION refuse_timer()`);
      const before = await fingerprint(c.sql);
      const jobsBefore = await c.engine.queues.timers.getJobCounts();

      const second = validSeed();
      ((second.units[1] as Record<string, unknown>).head as Record<string, unknown>).email = 'gd.stttt@example.gov.vn';
      await expect(importSeed(c.engine, seedOf(second), { file: 'second.yaml', dryRun: false })).rejects.toThrow(/Timer row refused for this test/);

      expect(await fingerprint(c.sql)).toBe(before);
      expect(await c.engine.queues.timers.getJobCounts()).toEqual(jobsBefore);
    } finally {
      await c.close();
    }
  });
});

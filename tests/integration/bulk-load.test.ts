import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { withBulkLoad } from '../../src/db/bulk-load.js';
import { openEngine, type Engine } from '../../src/engine/engine-deps.js';
import { startTasks, type NewTaskInput } from '../../src/engine/write/start-task.js';
import { importSeed } from '../../src/seed/import-seed.js';
import { inSeedTransaction } from '../../src/seed/seed-transaction.js';
import { validateSeed } from '../../src/seed/validate-seed.js';
import { validSeed } from '../e2e/fixtures/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';

const NOW = Date.parse('2026-11-26T08:00:00+07:00');
const TABLES = ['Task', 'TaskEvent', 'TaskAssignment', 'Timer'];

describe('an import that checks its foreign keys and builds its indexes once', () => {
  let db: TestDatabase;
  let engine: Engine;
  let sql: pg.Client;
  let cleanupQueue: () => Promise<void>;
  const logged: { msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logged.push(JSON.parse(line) as { msg: string }) });

  beforeAll(async () => {
    db = await createTestDatabase('fkonce');
    const queue = createTestQueuePrefix('fkonce');
    cleanupQueue = queue.cleanup;
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queue.prefix, LOG_LEVEL: 'silent' });
    engine = await openEngine(config, logger, { now: () => NOW });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const seed = validateSeed({ ...validSeed(), tasks: [] }, { now: NOW });
    if (!seed.ok) throw new Error('the reference seed is invalid');
    await importSeed(engine, seed.seed, { file: 'reference.yaml', dryRun: false });
  });
  afterAll(async () => {
    await sql?.end();
    await engine?.close();
    await cleanupQueue?.();
    await db?.drop();
  });

  const foreignKeys = async () =>
    (
      await sql.query<{ key: string }>(
        `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS key FROM pg_constraint
         WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY 1`,
        [TABLES.map((t) => `"${t}"`)],
      )
    ).rows.map((r) => r.key);

  const indexes = async (client: pg.ClientBase = sql) =>
    (
      await client.query<{ index: string }>(
        `SELECT tablename || ' ' || indexname || ' ' || indexdef AS index FROM pg_indexes WHERE tablename = ANY($1::text[]) ORDER BY 1`,
        [TABLES],
      )
    ).rows.map((r) => r.index);

  /** Runs `work` in withBulkLoad on a connection of its own, in a transaction rolled back afterwards. */
  async function inBulkLoad<T>(rowsAdded: number, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      return await withBulkLoad(client, TABLES, { lockTimeoutMs: 2000, rowsAdded, logger }, () => work(client));
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  }

  function tasksNamed(prefix: string, count: number): NewTaskInput[] {
    const seed = validateSeed(validSeed(), { now: NOW });
    if (!seed.ok) throw new Error('the seed is invalid');
    const t = seed.seed.tasks[0] as (typeof seed.seed.tasks)[number];
    return Array.from({ length: count }, (_, i) => ({
      code: `${prefix}-${i}`, title: t.title, unitCode: t.unitCode, coordinatingUnitCodes: [], document: null, product: null, start: NOW,
      deadline: NOW + 30 * 86_400_000, deadlineText: null, policyName: t.policyName, policy: t.policy, indicator: null,
    }));
  }

  const importTasks = (tasks: NewTaskInput[]) =>
    inSeedTransaction({ databaseUrl: db.url, logger, timeout: 60_000 }, (tx, connection) => startTasks(tx, engine, tasks, NOW, { connection, bulkLoadFrom: 1 }));

  it('drops the secondary indexes of the tables it at least doubles while it loads, but not their primary keys', async () => {
    const before = await indexes();
    const during = await inBulkLoad(1000, (client) => indexes(client));
    expect(during.filter((i) => i.startsWith('Task Task_'))).toEqual([expect.stringContaining('Task_pkey')]);
    expect(during).toHaveLength(4);
    expect(await indexes()).toEqual(before);
  });

  it('drops the keys and indexes inside its transaction and adds them back, as they were, before it commits', async () => {
    const before = await foreignKeys();
    const indexesBefore = await indexes();
    expect(before).toHaveLength(5);
    expect(indexesBefore).toHaveLength(17);
    logged.length = 0;
    await (await importTasks(tasksNamed('ONCE', 30)))();
    expect(logged.map((l) => l.msg)).toEqual(expect.arrayContaining(['foreign keys checked once', 'indexes built once']));
    expect(await foreignKeys()).toEqual(before);
    expect(await indexes()).toEqual(indexesBefore);
    const { rows } = await sql.query<{ tasks: number; events: number; holdings: number }>(
      `SELECT count(*)::int AS tasks, (SELECT count(*)::int FROM "TaskEvent" e JOIN "Task" t ON t.id = e."taskId" WHERE t.code LIKE 'ONCE-%') AS events,
              (SELECT count(*)::int FROM "TaskAssignment" a JOIN "Task" t ON t.id = a."taskId" WHERE t.code LIKE 'ONCE-%') AS holdings
       FROM "Task" WHERE code LIKE 'ONCE-%'`,
    );
    expect(rows[0]).toEqual({ tasks: 30, events: 30, holdings: 30 });
  });

  it('fails, and changes nothing, when a row has no parent once the keys are back', async () => {
    const before = await foreignKeys();
    const orphan = (client: pg.Client) => client.query(`INSERT INTO "TaskAssignment" ("taskId", "unitId", "heldFrom") VALUES (2147483000, 1, now())`);
    await expect(inBulkLoad(1_000_000, orphan)).rejects.toMatchObject({ code: '23503', constraint: 'TaskAssignment_taskId_fkey' });
    expect(await foreignKeys()).toEqual(before);
    expect((await sql.query(`SELECT 1 FROM "TaskAssignment" WHERE "taskId" = 2147483000`)).rowCount).toBe(0);
  });

  it('keeps the indexes of a table that already holds more rows than it adds', async () => {
    await sql.query('ANALYZE "Task", "TaskEvent", "TaskAssignment", "Timer"');
    const before = await indexes();
    logged.length = 0;
    const during = await inBulkLoad(5, (client) => indexes(client));
    expect(during).toEqual(before);
    expect(logged.map((l) => l.msg)).not.toContain('indexes built once');
  });

  it('fails, and changes nothing, when a unique index finds a duplicate once it is built again', async () => {
    const before = await indexes();
    const insert = (client: pg.Client) =>
      client.query(
        `INSERT INTO "TaskEvent" ("taskId", version, type, at, "submissionKey", "fromState", "toState", payload)
         SELECT 2147483000, v, 'CREATED', now(), 'same-form', 'a', 'b', '{}' FROM generate_series(1, 2) v`,
      );
    await expect(inBulkLoad(1_000_000, insert)).rejects.toMatchObject({ code: '23505', constraint: 'TaskEvent_submissionKey_key' });
    expect(await indexes()).toEqual(before);
    expect((await sql.query(`SELECT 1 FROM "TaskEvent" WHERE "submissionKey" = 'same-form'`)).rowCount).toBe(0);
  });

  it('checks row by row, and still imports, when another transaction holds one of the tables', async () => {
    const before = await foreignKeys();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT count(*) FROM "Timer"');
      logged.length = 0;
      const started = Date.now();
      await (await importTasks(tasksNamed('ROWS', 12)))();
      // It waited for the lock as long as it may, then gave up on it.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      expect(logged.map((l) => l.msg)).toContain('foreign keys checked and indexes updated row by row: the tables could not be taken for the import');
      expect(logged.map((l) => l.msg)).not.toContain('foreign keys checked once');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await foreignKeys()).toEqual(before);
    expect((await sql.query(`SELECT 1 FROM "Task" WHERE code LIKE 'ROWS-%'`)).rowCount).toBe(12);
  });
});

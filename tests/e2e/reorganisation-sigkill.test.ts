import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';
import { openSandbox, type Da06Sandbox } from './fixtures/run-da06.js';
import { provinceAfterMerger, provinceBeforeMerger } from './fixtures/reorganisation-cases.js';
import type { SeedDoc } from './fixtures/seed-cases.js';

const MANY = 40;
const withManyTasks = (doc: SeedDoc): SeedDoc => {
  for (let i = 1; i <= MANY; i += 1) {
    doc.tasks.push({ code: `K-${String(i).padStart(2, '0')}`, title: `Nhiệm vụ ${i}`, unit: i % 4 === 0 ? 'SKHCN' : 'STTTT', deadline: '2026-12-31', startDate: '2025-01-02' });
  }
  return doc;
};
const OPEN = MANY + 4; // and M-A1, M-A2, M-A3, M-B1: every task of the two old units is open

let box: Da06Sandbox;
let queue: ReturnType<typeof createTestQueuePrefix>;
let merger: string;

/** What the merger has done so far, as another session sees it. */
async function state() {
  const [row] = await box.query<{ reassigned: string; old: string; successor: string; passed: string; holdings: string }>(`
    SELECT (SELECT count(*) FROM "TaskEvent" WHERE type = 'REASSIGNED') AS reassigned,
           (SELECT count(*) FROM "Task" t JOIN "Unit" u ON u.id = t."unitId" WHERE u.code IN ('STTTT', 'SKHCN')) AS old,
           (SELECT count(*) FROM "Task" t JOIN "Unit" u ON u.id = t."unitId" WHERE u.code = 'SKHCNTQ') AS successor,
           (SELECT count(*) FROM "Unit" WHERE "tasksPassedAt" IS NOT NULL) AS passed,
           (SELECT count(*) FROM "TaskAssignment") AS holdings`);
  return { reassigned: Number(row?.reassigned), old: Number(row?.old), successor: Number(row?.successor), passed: Number(row?.passed), holdings: Number(row?.holdings) };
}

beforeAll(async () => {
  box = await openSandbox('reorg_kill');
  queue = createTestQueuePrefix('reorg_kill');
  const base = join(box.dir, 'before.yaml');
  writeFileSync(base, stringify(withManyTasks(provinceBeforeMerger())));
  expect((await box.run(['seed', base])).code).toBe(0);
  merger = join(box.dir, 'merger.yaml');
  writeFileSync(merger, stringify(withManyTasks(provinceAfterMerger())));
});
afterAll(async () => {
  await queue?.cleanup();
  await box?.close();
});

describe('when da06 seed is killed with SIGKILL in the middle of a merger', () => {
  it('leaves every task where it was, and a second run passes each open task exactly once', { timeout: 120_000 }, async () => {
    const before = await state();
    expect(before).toMatchObject({ reassigned: 0, old: OPEN, successor: 0, passed: 0 });

    // Another session holds one task of STTTT: the merger, which passes SKHCN's tasks and then STTTT's in id order,
    // stops at it with the tasks before it already passed inside its transaction. It is killed there.
    const blocker = new pg.Client({ connectionString: box.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT id FROM "Task" WHERE code = 'K-21' FOR UPDATE`);
    const child = spawn(process.execPath, ['bin/da06.js', 'seed', merger], {
      env: { ...process.env, DATABASE_URL: box.db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queue.prefix, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      const waiting = async () =>
        Number((await box.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]?.n);
      const deadline = Date.now() + 60_000;
      while ((await waiting()) === 0) {
        if (Date.now() > deadline) throw new Error('the merger never reached the locked task');
        await new Promise((r) => setTimeout(r, 50));
      }
      // Half way: the transaction has passed tasks (its locks show) but not committed.
      const locked = await box.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND c.relname = 'TaskAssignment' AND l.mode = 'RowExclusiveLock'`);
      expect(Number(locked[0]?.n)).toBeGreaterThan(0);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // The killed client's session ends once it takes the lock and finds no one to answer: its transaction rolls back.
    const gone = Date.now() + 30_000;
    while (Number((await box.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`))[0]?.n) > 0) {
      if (Date.now() > gone) throw new Error('the killed seed session is still there');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await state()).toEqual(before);

    const rerun = await box.run(['seed', merger]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await state()).toEqual({ reassigned: OPEN, old: 0, successor: OPEN, passed: 2, holdings: before.holdings + OPEN });
    const perTask = await box.query<{ n: string }>(`SELECT count(*) AS n FROM "TaskEvent" WHERE type = 'REASSIGNED' GROUP BY "taskId" HAVING count(*) <> 1`);
    expect(perTask).toEqual([]);

    const third = await box.run(['seed', merger]);
    expect(third.stdout).toContain('Nothing changed');
    expect((await state()).reassigned).toBe(OPEN);
  });
});

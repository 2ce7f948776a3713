import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { inTransaction, sqlOn } from '../../src/db/sql.js';
import { CANCEL_PENDING_TIMERS, cancelParams, cancelTimers } from '../../src/engine/write/cancel-timers.js';
import { openEngine, type Engine } from '../../src/engine/engine-deps.js';
import { startTasks, type NewTaskInput } from '../../src/engine/write/start-task.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';

const NOW = Date.parse('2026-11-26T08:00:00+07:00');
const policy = { remindBefore: ['P3D'], escalateToHeadAfter: 'PT0S', escalateToChairmanAfter: 'P5D', acknowledgementHolds: 'P3D', repeatEvery: 'P7D', kpiCheckEvery: 'P7D', reportStaleAfter: 'P30D', kpiTolerance: 2 };

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function nodesOf(plan: Record<string, unknown>): Record<string, unknown>[] {
  return [plan, ...((plan.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(nodesOf)];
}

// The situation of an escalation storm due soon after a large import: thousands of pending timers just written.
describe('cancelling the timers a batch of transitions left behind, after a large import', () => {
  let db: TestDatabase;
  let engine: Engine;
  let queue: ReturnType<typeof createTestQueuePrefix>;

  beforeAll(async () => {
    db = await createTestDatabase('cancel_timers');
    queue = createTestQueuePrefix('cancel_timers');
    engine = await openEngine(loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queue.prefix, LOG_LEVEL: 'silent' }), createLogger('silent', 'stderr'), { now: () => NOW });
    const p = engine.prisma;
    await p.province.create({ data: { id: 1, name: 'Tỉnh Hà Giang', timeZone: 'Asia/Ho_Chi_Minh', standingAgencyCode: null, extraHolidays: [], workingDays: [] } });
    await p.unit.create({ data: { code: 'SYT', name: 'Sở Y tế', kind: 'department' } });
    const tasks: NewTaskInput[] = Array.from({ length: 3000 }, (_, i) => ({
      code: `HG-${i}`, title: `Nhiệm vụ ${i}`, unitCode: 'SYT', coordinatingUnitCodes: [], document: null, product: null,
      start: NOW - 86_400_000, deadline: NOW + (10 + (i % 50)) * 86_400_000, deadlineText: null, policyName: 'p', policy, indicator: null,
    }));
    const after = await p.$transaction((tx) => startTasks(tx, engine, tasks, NOW), { timeout: 120_000 });
    await after();
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await queue?.cleanup();
    await db?.drop();
  });

  it('leaves PostgreSQL with statistics of the tables it filled', async () => {
    const rows = await sqlOn(engine.pool).query<{ relname: string; analyzed: boolean }>(
      `SELECT relname, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname IN ('Task', 'Timer', 'TaskEvent') ORDER BY relname`,
    );
    expect(rows).toEqual([
      { relname: 'Task', analyzed: true },
      { relname: 'TaskEvent', analyzed: true },
      { relname: 'Timer', analyzed: true },
    ]);
  });

  it("reads only the batch's tasks' timers, through the task index, not every pending timer", async () => {
    const ids = (await sqlOn(engine.pool).query<{ id: number }>(`SELECT id FROM "Task" ORDER BY id LIMIT 64`)).map((r) => r.id);
    const cancels = ids.flatMap((taskId) => [{ taskId, sendId: 'a' }, { taskId, sendId: 'b' }, { taskId, sendId: 'c' }]);
    const [row] = await sqlOn(engine.pool).query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(`EXPLAIN (FORMAT JSON) ${CANCEL_PENDING_TIMERS}`, cancelParams(null, cancels));
    const timerNodes = nodesOf((row as { 'QUERY PLAN': [{ Plan: Record<string, unknown> }] })['QUERY PLAN'][0].Plan).filter(
      (n) => n['Relation Name'] === 'Timer' || String(n['Index Name'] ?? '').startsWith('Timer_'),
    );
    expect(timerNodes.map((n) => n['Index Name'])).toContain('Timer_taskId_state_idx');
    expect(timerNodes.map((n) => n['Index Name'])).not.toContain('Timer_state_fireAt_idx');
    expect(timerNodes.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  });

  it("cancels exactly the named pending timers and leaves the task's others pending", async () => {
    const [task] = await sqlOn(engine.pool).query<{ id: number }>(`SELECT id FROM "Task" WHERE code = 'HG-1'`);
    const taskId = (task as { id: number }).id;
    const before = await sqlOn(engine.pool).query<{ sendId: string }>(`SELECT "sendId" FROM "Timer" WHERE "taskId" = $1 AND state = 'pending' ORDER BY "sendId"`, [taskId]);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [first, ...others] = before.map((t) => t.sendId);
    await inTransaction(engine.pool, (sql) => cancelTimers(sql, new Date(NOW).toISOString(), [{ taskId, sendId: first as string }, { taskId, sendId: 'no-such-timer' }]));
    const after = await sqlOn(engine.pool).query<{ sendId: string; state: string }>(`SELECT "sendId", state FROM "Timer" WHERE "taskId" = $1 ORDER BY "sendId"`, [taskId]);
    expect(after).toEqual(before.map((t) => ({ sendId: t.sendId, state: t.sendId === first ? 'cancelled' : 'pending' })));
    expect(others.length).toBeGreaterThan(0);
  });
});

import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, inTransaction, sqlOn } from '../../src/db/sql.js';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma.js';
import { EARLIER_EMAILS } from '../../src/engine/write/write-transitions.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The worker's plain SQL and the Prisma client must agree on every value they both read and write, whatever the
// time zone of the process: Prisma keeps DateTime as UTC in timestamp(3) columns.
describe('plain SQL on the pool the Prisma client shares', () => {
  let db: TestDatabase;
  let pool: ReturnType<typeof createPool>;
  let prisma: PrismaClient;
  const zone = process.env.TZ;

  beforeAll(async () => {
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    db = await createTestDatabase('sql_hot_path');
    pool = createPool(db.url, 2, () => {});
    prisma = createPrismaClient(pool);
    const unit = await prisma.unit.create({ data: { code: 'SYT', name: 'Sở Y tế', kind: 'department' } });
    await prisma.task.create({
      data: {
        code: 'T-1', title: 'Nhiệm vụ', unitId: unit.id, coordinatingUnitCodes: ['CA'], startAt: new Date('2024-01-01T00:00:00.000Z'),
        deadline: new Date('2024-06-30T16:59:59.999Z'), policyName: 'p', policy: { a: 1 }, snapshot: {}, machineVersion: 1, state: 'active', statusClass: 'x',
      },
    });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await pool?.end();
    await db?.drop();
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads timestamps as the instants Prisma wrote, bigints as BigInt, arrays and JSON parsed', async () => {
    const task = await prisma.task.findUniqueOrThrow({ where: { code: 'T-1' } });
    const timer = await prisma.timer.create({ data: { taskId: task.id, sendId: 's', fireAt: new Date('2024-06-30T17:00:00.000Z'), event: { type: 'x' }, jobId: 'j1', taskVersion: 0 } });
    const [row] = await sqlOn(pool).query<{ id: bigint; fireAt: Date; event: unknown }>(`SELECT id, "fireAt", event FROM "Timer" WHERE "jobId" = 'j1'`);
    expect(row).toEqual({ id: timer.id, fireAt: new Date('2024-06-30T17:00:00.000Z'), event: { type: 'x' } });
    const [t] = await sqlOn(pool).query<{ deadline: Date; coordinatingUnitCodes: string[]; policy: unknown }>(`SELECT deadline, "coordinatingUnitCodes", policy FROM "Task" WHERE code = 'T-1'`);
    expect(t).toEqual({ deadline: task.deadline, coordinatingUnitCodes: ['CA'], policy: { a: 1 } });
  });

  it('writes ISO instants that Prisma reads back unchanged, and now() in UTC', async () => {
    const task = await prisma.task.findUniqueOrThrow({ where: { code: 'T-1' } });
    await inTransaction(pool, (sql) =>
      sql.query(`INSERT INTO "Timer" ("taskId", "sendId", "fireAt", event, "jobId", "taskVersion") VALUES ($1, 's2', $2::timestamp(3), '{}', 'j2', 0)`, [
        task.id,
        '2024-07-01T01:02:03.456Z',
      ]),
    );
    const timer = await prisma.timer.findFirstOrThrow({ where: { jobId: 'j2' } });
    expect(timer.fireAt.toISOString()).toBe('2024-07-01T01:02:03.456Z');
    expect(Math.abs(timer.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('rolls the whole transaction back when its work throws', async () => {
    await expect(
      inTransaction(pool, async (sql) => {
        await sql.query(`UPDATE "Task" SET title = 'changed' WHERE code = 'T-1'`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await prisma.task.findUniqueOrThrow({ where: { code: 'T-1' } })).title).toBe('Nhiệm vụ');
  });

  it('runs its sessions without JIT compilation, for plain SQL and Prisma alike', async () => {
    expect(await sqlOn(pool).query(`SHOW jit`)).toEqual([{ jit: 'off' }]);
    expect(await prisma.$queryRawUnsafe(`SHOW jit`)).toEqual([{ jit: 'off' }]);
  });

  it("looks up a batch's earlier emails through the task index, on an outbox table never analysed", async () => {
    // 20,000 rows and no statistics: the planner's guess of 200 distinct task ids made `"taskId" = ANY(…)` a scan.
    await sqlOn(pool).query(
      `INSERT INTO "Notification" ("uniqueKey", kind, level, recipients, cc, subject, "messageId", view, "notBefore", "nextAttemptAt")
       SELECT 'k' || i, 'overdue', 'head', '{}', '{}', 's', '<m' || i || '>', '{}', now(), now() FROM generate_series(1, 20000) i`,
    );
    const ids = Array.from({ length: 500 }, (_, i) => i + 1);
    const [row] = await sqlOn(pool).query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${EARLIER_EMAILS}`, [ids]);
    type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    const all = nodes((row?.['QUERY PLAN'] as { Plan: PlanNode }[])[0]?.Plan as PlanNode);
    const onOutbox = all.filter((n) => n['Relation Name'] === 'Notification');
    expect(onOutbox.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(all.map((n) => n['Index Name'])).toContain('Notification_taskId_createdAt_idx');
    await sqlOn(pool).query(`DELETE FROM "Notification"`);
  });

  it('survives a connection reset in the middle of a transaction: the transaction fails, the process and the pool carry on', async () => {
    let checkedOut: pg.PoolClient | undefined;
    const grab = (client: pg.PoolClient) => (checkedOut = client);
    pool.on('acquire', grab);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const failed = inTransaction(pool, async (sql) => {
      await sql.query('SELECT 1');
      // The socket fails as a PostgreSQL restart makes it fail: node-postgres then emits 'error' on the client,
      // which the pool does not listen for while the client is checked out.
      (checkedOut as unknown as { connection: { stream: { destroy(error: Error): void } } }).connection.stream.destroy(reset);
      return sql.query('SELECT pg_sleep(1)');
    });
    await expect(failed).rejects.toThrow('ECONNRESET');
    pool.off('acquire', grab);
    const [row] = await sqlOn(pool).query<{ one: number }>('SELECT 1 AS one');
    expect(row).toEqual({ one: 1 });
    expect(await inTransaction(pool, (sql) => sql.query<{ two: number }>('SELECT 2 AS two'))).toEqual([{ two: 2 }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOn } from '../../src/db/sql.js';
import { fireDueTimers, TIMER_CLAIM_LEASE_MS } from '../../src/engine/jobs/fire-timer.js';
import { sweepDueTimers } from '../../src/engine/jobs/sweep.js';
import { createMailTransport, type MailTransport } from '../../src/mail/transport.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// The storm path on a controlled clock: wake-up jobs per instant, claimed batches, the sweep's own sending.
describe('a sweep of due timers', () => {
  let h: Harness;
  let clock = Date.now();
  let outbox: string;
  const deadline = clock + 60_000;
  const codes = Array.from({ length: 25 }, (_, i) => `SW-${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    outbox = await mkdtemp(path.join(os.tmpdir(), 'da06-sweep-'));
    h = await createHarness('sweep', {}, { now: () => clock });
    await h.addTasks([
      ...codes.map((code) => ({ code, deadline })),
      { code: 'SW-LATER', deadline: deadline + 3_600_000 },
      ...['A', 'B', 'C', 'D'].map((c) => ({ code: `SW-FIRST-${c}`, deadline: deadline + 7_200_000 })),
      ...['A', 'B', 'C', 'D'].map((c) => ({ code: `SW-EACH-${c}`, deadline: deadline + 10_800_000 })),
      { code: 'SW-POLICY', deadline: deadline + 14_400_000 },
    ]);
  });

  afterAll(async () => {
    await h?.close();
    await rm(outbox, { recursive: true, force: true });
  });

  it('schedules one wake-up job per instant, shared by every Timer row due then', async () => {
    const rows = await h.engine.prisma.timer.findMany({ where: { state: 'pending' }, select: { jobId: true, fireAt: true } });
    const instants = new Set(rows.map((r) => r.fireAt.getTime()));
    expect(rows.length).toBeGreaterThan(instants.size);
    expect(new Set(rows.map((r) => r.jobId)).size).toBe(instants.size);
    for (const row of rows) expect(row.jobId).toBe(`w${row.fireAt.getTime()}`);
    expect(await h.engine.queues.timers.getDelayedCount()).toBe(instants.size);
    const job = await h.engine.queues.timers.getJob(`w${deadline}`);
    expect(job?.data).toEqual({ at: new Date(deadline).toISOString() });
  });

  it('leaves rows another sweep has claimed until its lease ends, then takes them', async () => {
    clock = deadline + 1;
    const sql = sqlOn(h.engine.pool);
    // Another sweep claimed every due row of ten tasks and died before firing them.
    const held = codes.slice(0, 10);
    await sql.query(
      `UPDATE "Timer" SET "claimedUntil" = $1::timestamp(3) WHERE state = 'pending' AND "fireAt" <= $2::timestamp(3) AND "taskId" IN (SELECT id FROM "Task" WHERE code = ANY($3::text[]))`,
      [new Date(clock + TIMER_CLAIM_LEASE_MS).toISOString(), new Date(clock).toISOString(), held],
    );
    const first = await fireDueTimers(h.engine, { limit: 1000 });
    await first.written.afterCommit();
    expect(new Set(first.fired.map((f) => f.code))).toEqual(new Set(codes.slice(10)));
    expect((await fireDueTimers(h.engine, { limit: 1000 })).claimed).toBe(0);
    clock += TIMER_CLAIM_LEASE_MS;
    const second = await fireDueTimers(h.engine, { limit: 1000 });
    await second.written.afterCommit();
    // The held ten, and the chairman escalations (PT3S) of the others, due by now.
    expect(held.filter((code) => !second.fired.some((f) => f.code === code))).toEqual([]);
    // Each deadline decided once, with its head escalation (PT0S) in the same transaction.
    const events = await h.engine.prisma.taskEvent.groupBy({ by: ['type'], where: { type: { in: ['TIMER_untilDeadline', 'TIMER_untilHeadEscalation'] } }, _count: { _all: true } });
    expect(Object.fromEntries(events.map((e) => [e.type, e._count._all]))).toEqual({ TIMER_untilDeadline: 25, TIMER_untilHeadEscalation: 25 });
    expect(await h.engine.prisma.timer.count({ where: { state: 'pending', fireAt: { lte: new Date(clock) } } })).toBe(0);
  });

  it('sends the emails of its batches itself, and each once', async () => {
    const before = await h.engine.prisma.notification.findMany({ select: { id: true } });
    clock = deadline + 3_600_000 + 1;
    const transport = createMailTransport({ outboxDir: outbox });
    const report = await sweepDueTimers(h.engine, transport, { batch: 1 });
    expect(report.tasks).toContain('SW-LATER');
    expect(report.batches).toBeGreaterThanOrEqual(1);
    const written = await h.engine.prisma.notification.findMany({ where: { id: { notIn: before.map((b) => b.id) } }, select: { status: true, attempts: true, nextAttemptAt: true } });
    const due = written.filter((n) => n.nextAttemptAt.getTime() <= clock + 1000 || n.status === 'sent');
    expect(due.length).toBeGreaterThan(0);
    expect(report.emailsSent).toBe(due.length);
    expect(due.every((n) => n.status === 'sent' && n.attempts === 1)).toBe(true);
    expect(await readdir(outbox)).toHaveLength(report.emailsSent);
    expect(await sweepDueTimers(h.engine, transport, { batch: 1 })).toMatchObject({ fired: 0, batches: 0 });
  });

  /** The file transport, noting at each email how many timers were still due and undecided. */
  function watchingTransport(seen: number[]): MailTransport {
    const files = createMailTransport({ outboxDir: outbox });
    return {
      async send(message, fileName) {
        const [row] = await sqlOn(h.engine.pool).query<{ n: number }>(`SELECT count(*)::int AS n FROM "Timer" WHERE state = 'pending' AND "fireAt" <= $1::timestamp(3)`, [
          new Date(clock).toISOString(),
        ]);
        seen.push(row?.n ?? -1);
        return files.send(message, fileName);
      },
      close: () => files.close(),
    };
  }

  it('decides every due timer before it sends the emails they wrote', async () => {
    clock = deadline + 7_200_000 + 1;
    const seen: number[] = [];
    const report = await sweepDueTimers(h.engine, watchingTransport(seen), { batch: 1 });
    expect(report.batches).toBeGreaterThanOrEqual(4);
    expect(report.emailsSent).toBeGreaterThanOrEqual(4);
    expect(seen.length).toBeGreaterThanOrEqual(report.emailsSent);
    expect(seen.every((n) => n === 0)).toBe(true);
    const first = { task: { code: { startsWith: 'SW-FIRST-' } } };
    expect(await h.engine.prisma.notification.count({ where: { ...first, status: 'sent' } })).toBeGreaterThanOrEqual(4);
    expect(await h.engine.prisma.notification.count({ where: { ...first, status: { not: 'sent' } } })).toBe(0);
  });

  it('sends after each batch when it may hold nothing back (deliverWithinMs 0)', async () => {
    clock = deadline + 10_800_000 + 1;
    const seen: number[] = [];
    const report = await sweepDueTimers(h.engine, watchingTransport(seen), { batch: 1, deliverWithinMs: 0 });
    expect(report.emailsSent).toBeGreaterThanOrEqual(4);
    // The first batch's emails went while the other tasks' timers were still due.
    expect(seen[0]).toBeGreaterThan(0);
    expect(await h.engine.prisma.notification.count({ where: { status: 'pending', task: { code: { startsWith: 'SW-EACH-' } } } })).toBe(0);
  });

  it('writes a task’s policy when it changes, and keeps it through the timers that follow', async () => {
    const policyOf = async () => (await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'SW-POLICY' }, select: { policy: true, version: true } }));
    const changed = { ...SECONDS_POLICY, escalateToChairmanAfter: 'PT9S' };
    await dispatch(h.engine, 'SW-POLICY', { type: 'POLICY_CHANGED', at: clock, policy: changed }, { actor: 'test' });
    const after = await policyOf();
    expect(after.policy).toEqual(changed);
    clock = deadline + 14_400_000 + 1;
    const report = await sweepDueTimers(h.engine, null);
    expect(report.tasks).toContain('SW-POLICY');
    const fired = await policyOf();
    expect(fired.version).toBeGreaterThan(after.version);
    expect(fired.policy).toEqual(changed);
  });
});

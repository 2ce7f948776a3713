import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openEngine, type Engine } from '../../src/engine/engine-deps.js';
import { createLogger } from '../../src/logger.js';
import { importSeed } from '../../src/seed/import-seed.js';
import type { ValidSeed } from '../../src/seed/seed-types.js';
import { validateSeed } from '../../src/seed/validate-seed.js';
import { validSeed, type SeedDoc } from '../e2e/fixtures/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';

const NOW = Date.parse('2026-11-26T08:00:00+07:00');
const vn = (local: string): number => Date.parse(`${local}+07:00`);

function seedOf(doc: SeedDoc): ValidSeed {
  const result = validateSeed(doc, { now: NOW });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.seed;
}

/** The sample with reminders one working day before the deadline only, and the calendar block given. */
function sample(calendar: Record<string, unknown>): SeedDoc {
  const doc = validSeed();
  doc.policies.default = { ...doc.policies.default, remindBefore: [{ workingDays: 1 }] };
  doc.calendar = calendar;
  return doc;
}

describe("a seed whose calendar block changes", () => {
  let db: TestDatabase;
  let engine: Engine;
  let cleanup: () => Promise<void>;
  const reminderOf = async (code: string) =>
    (await engine.prisma.timer.findFirst({ where: { task: { code }, state: 'pending', sendId: { startsWith: 'xstate.after.untilNextReminder' } } }))?.fireAt.getTime();

  beforeAll(async () => {
    db = await createTestDatabase('seedcal');
    const queue = createTestQueuePrefix('seedcal');
    cleanup = queue.cleanup;
    engine = await openEngine(loadConfig({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queue.prefix, LOG_LEVEL: 'silent' }), createLogger('silent', 'stderr'), { now: () => NOW });
    const first = await importSeed(engine, seedOf(sample({ extraHolidays: ['2027-02-15'] })), { file: 'first.yaml', dryRun: false });
    expect(first.recomputed).toBeUndefined();
  });
  afterAll(async () => {
    await engine?.close();
    await cleanup?.();
    await db?.drop();
  });

  it('writes its announced days with their sources, keeps its plain dates, and recomputes the running tasks', async () => {
    // T-01 is due Wednesday 30/06/2027: reminded on Tuesday 29/06 until 29/06 is given off.
    expect(await reminderOf('T-01')).toBe(vn('2027-06-29T23:59:59.999'));
    const changed = sample({ extraHolidays: ['2027-02-15', { date: '2027-06-29', name: 'Ngày nghỉ của tỉnh', source: 'Quyết định số 7/QĐ-UBND ngày 01/12/2026' }] });
    const outcome = await importSeed(engine, seedOf(changed), { file: 'second.yaml', dryRun: false });

    expect(await engine.prisma.calendarDay.findMany({ select: { date: true, kind: true, source: true } })).toEqual([{ date: '2027-06-29', kind: 'dayOff', source: 'Quyết định số 7/QĐ-UBND ngày 01/12/2026' }]);
    expect((await engine.prisma.province.findUniqueOrThrow({ where: { id: 1 } })).extraHolidays).toEqual(['2027-02-15']);
    expect(outcome.updates).toContainEqual(expect.objectContaining({ kind: 'province', code: 'calendar', field: '2027-06-29', from: '(none)' }));
    expect(outcome.recomputed).toEqual({ tasks: 3, skipped: 0, failed: [] });
    expect(await reminderOf('T-01')).toBe(vn('2027-06-28T23:59:59.999'));
    expect(await engine.prisma.taskEvent.count({ where: { type: 'CALENDAR_CHANGED', actor: 'seed' } })).toBe(3);
  });

  it('recomputes nothing when the same file is imported again', async () => {
    const again = sample({ extraHolidays: ['2027-02-15', { date: '2027-06-29', name: 'Ngày nghỉ của tỉnh', source: 'Quyết định số 7/QĐ-UBND ngày 01/12/2026' }] });
    const outcome = await importSeed(engine, seedOf(again), { file: 'third.yaml', dryRun: false });
    expect(outcome.recomputed).toBeUndefined();
    expect(await engine.prisma.taskEvent.count({ where: { type: 'CALENDAR_CHANGED' } })).toBe(3);
  });

  it('says what a dry run would change in the calendar, and writes nothing', async () => {
    const dry = sample({ extraHolidays: ['2027-02-15', { date: '2027-06-29', name: 'Nghỉ bù', source: 'Quyết định số 8/QĐ-UBND' }] });
    const outcome = await importSeed(engine, seedOf(dry), { file: 'dry.yaml', dryRun: true });
    expect(outcome.updates).toContainEqual(expect.objectContaining({ code: 'calendar', field: '2027-06-29', to: expect.stringContaining('Quyết định số 8/QĐ-UBND') }));
    expect((await engine.prisma.calendarDay.findFirstOrThrow()).source).toBe('Quyết định số 7/QĐ-UBND ngày 01/12/2026');
  });
});

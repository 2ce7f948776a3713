import { loadConfig, type Config } from '../../src/config.js';
import { openEngine, type Engine } from '../../src/engine/engine-deps.js';
import { startTasks, type NewTaskInput } from '../../src/engine/write/start-task.js';
import { createLogger } from '../../src/logger.js';
import type { TaskPolicy } from '../../workflows/task-policy.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_REDIS_URL } from './test-env.js';
import { createTestQueuePrefix } from './test-redis.js';

/** A policy measured in seconds, so a whole escalation runs within a test. */
export const SECONDS_POLICY: TaskPolicy = {
  remindBefore: ['PT2S'],
  escalateToHeadAfter: 'PT0S',
  escalateToChairmanAfter: 'PT3S',
  acknowledgementHolds: 'PT8S',
  repeatEvery: 'P7D',
  kpiCheckEvery: 'P7D',
  reportStaleAfter: 'P30D',
  kpiTolerance: 2,
};

export interface Harness {
  db: TestDatabase;
  prefix: string;
  config: Config;
  env: Record<string, string>;
  engine: Engine;
  addTasks(tasks: Array<Partial<NewTaskInput> & { code: string; deadline: number | null }>): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The engine's clock (default `Date.now`), e.g. a controlled clock for send windows and the digest. */
  now?: () => number;
}

/** A fresh database, queue prefix and engine, with a small province: chairman, a department, an external unit, the police. */
export async function createHarness(label: string, env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase(label);
  const queue = createTestQueuePrefix(label);
  const fullEnv = {
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queue.prefix,
    RECONCILE_EVERY: 'PT2S',
    MAIL_RETRY_DELAY: 'PT1S',
    LOG_LEVEL: 'silent',
    ...env,
  };
  const config = loadConfig(fullEnv);
  const engine = await openEngine(config, createLogger('silent', 'stderr'), options.now ? { now: options.now } : {});
  const p = engine.prisma;
  await p.province.create({ data: { id: 1, name: 'Tỉnh Thử nghiệm', timeZone: 'Asia/Ho_Chi_Minh', standingAgencyCode: 'CA', extraHolidays: [], workingDays: [] } });
  await p.official.create({ data: { role: 'chairman', name: 'Nguyễn Văn Chủ', title: 'Chủ tịch UBND tỉnh', email: 'chutich@example.gov.vn' } });
  const units = [
    { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', kind: 'department' as const, head: 'giamdoc.stttt@example.gov.vn', contact: 'daumoi.stttt@example.gov.vn' },
    { code: 'BHXH', name: 'Bảo hiểm xã hội tỉnh', kind: 'external' as const, head: 'giamdoc.bhxh@example.gov.vn', contact: null },
    { code: 'CA', name: 'Công an tỉnh', kind: 'agency' as const, head: 'giamdoc.ca@example.gov.vn', contact: null },
  ];
  for (const u of units) {
    const unit = await p.unit.create({ data: { code: u.code, name: u.name, kind: u.kind } });
    await p.official.create({ data: { unitId: unit.id, role: 'head', name: `Thủ trưởng ${u.code}`, title: 'Giám đốc', email: u.head } });
    if (u.contact) await p.official.create({ data: { unitId: unit.id, role: 'contact', name: `Đầu mối ${u.code}`, email: u.contact } });
  }
  return {
    db,
    // The env may name its own prefix (a hash tag on a Redis Cluster); the engine uses that one.
    prefix: config.QUEUE_PREFIX,
    config,
    env: fullEnv,
    engine,
    async addTasks(tasks) {
      const now = engine.now();
      const inputs: NewTaskInput[] = tasks.map((t) => ({
        title: `Nhiệm vụ ${t.code}`,
        unitCode: 'STTTT',
        coordinatingUnitCodes: [],
        document: 'Kế hoạch số 45/KH-UBND',
        product: null,
        start: now - 86_400_000,
        deadlineText: null,
        policyName: 'seconds',
        policy: SECONDS_POLICY,
        indicator: null,
        ...t,
      }));
      const after = await p.$transaction((tx) => startTasks(tx, engine, inputs, now));
      await after();
    },
    async close() {
      await engine.close();
      await queue.cleanup();
      await db.drop();
    },
  };
}

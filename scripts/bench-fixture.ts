// What the benchmark scripts share: a database, queue prefix and outbox of their own, the province they run in,
// their tasks, the bare BullMQ baseline, and CPU readings from /proc.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { loadConfig, type Config } from '../src/config.js';
import type { PrismaClient } from '../src/db/prisma.js';
import type { NewTaskInput } from '../src/engine/write/start-task.js';
import { createRedis } from '../src/queue/connection.js';
import { deleteQueueKeys, dropBenchDatabase } from './bench-cleanup.js';

/** One run of a bench script: what it runs against, and how to remove it afterwards. */
export interface BenchRun {
  stamp: string;
  /** The environment of the run's worker processes (no `SMTP_URL`: email goes to `outbox`). */
  env: NodeJS.ProcessEnv;
  config: Config;
  outbox: string;
  log(message: string): void;
  /** Removes the outbox folder and, unless `keepData`, drops the database and deletes the queue prefix's keys. */
  cleanup(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Opens run `stamp` (a new one by default) of the script `name` (`bench-memory`): database
 * `da06_<name without hyphens>_<stamp>` on `DATABASE_URL`'s server, queue prefix `{da06<name without
 * hyphens><stamp>}`, log lines headed `<name>:`, and a new outbox folder `da06-<name>-…` under `outboxParent`
 * (default /dev/shm where it exists: on this VM's ext4 disk creating and renaming a file costs ≈ 1 ms of kernel
 * CPU, more than the escalation it records, and production mail goes over SMTP, not to files).
 */
export async function openBenchRun(name: string, options: { stamp?: string; outboxParent?: string; logLevel?: string } = {}): Promise<BenchRun> {
  const stamp = options.stamp ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const tag = name.replace(/-/g, '');
  const dbUrl = new URL(loadConfig().DATABASE_URL);
  dbUrl.pathname = `/da06_${tag}_${stamp}`;
  const outbox = await mkdtemp(path.join(options.outboxParent ?? (existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir()), `da06-${name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    // A hash tag, so the benches also run on a Redis Cluster (REDIS_CLUSTER=true): every key of a queue in one slot.
    QUEUE_PREFIX: `{da06${tag}${stamp}}`,
    MAIL_OUTBOX_DIR: outbox,
    LOG_LEVEL: options.logLevel ?? 'warn',
    RECONCILE_EVERY: 'PT1H',
  };
  delete env.SMTP_URL;
  const config = loadConfig(env);
  return {
    stamp,
    env,
    config,
    outbox,
    log: (message) => process.stderr.write(`${name}: ${message}\n`),
    async cleanup({ keepData = false } = {}) {
      if (!keepData) {
        await dropBenchDatabase(config.DATABASE_URL);
        await deleteQueueKeys(config);
      }
      await rm(outbox, { recursive: true, force: true });
    },
  };
}

/** `x` rounded to `digits` decimals, for the JSON lines. */
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Overdue → head at once (`PT0S`), nothing else for a month: one overdue and one head escalation per task. */
export const BENCH_POLICY = {
  remindBefore: [],
  escalateToHeadAfter: 'PT0S',
  escalateToChairmanAfter: 'P30D',
  acknowledgementHolds: 'P30D',
  repeatEvery: 'P30D',
  kpiCheckEvery: 'P30D',
  reportStaleAfter: 'P365D',
  kpiTolerance: 2,
};

/** One province with its chairman, and the unit `SYT` with its head: every bench task belongs to it. */
export async function createBenchProvince(prisma: PrismaClient): Promise<void> {
  await prisma.province.create({ data: { id: 1, name: 'Tỉnh Tuyên Quang', timeZone: 'Asia/Ho_Chi_Minh', standingAgencyCode: null, extraHolidays: [], workingDays: [] } });
  await prisma.official.create({ data: { role: 'chairman', name: 'Chủ tịch', title: 'Chủ tịch UBND tỉnh', email: 'chutich@example.gov.vn' } });
  const unit = await prisma.unit.create({ data: { code: 'SYT', name: 'Sở Y tế', kind: 'department' } });
  await prisma.official.create({ data: { unitId: unit.id, role: 'head', name: 'Giám đốc Sở Y tế', title: 'Giám đốc', email: 'giamdoc.syt@example.gov.vn' } });
}

/** A task of unit `SYT` under `BENCH_POLICY`, started `start`, due `deadline` (epoch ms). */
export function benchTask(code: string, title: string, start: number, deadline: number): NewTaskInput {
  return {
    code,
    title,
    unitCode: 'SYT',
    coordinatingUnitCodes: [],
    document: null,
    product: null,
    start,
    deadline,
    deadlineText: null,
    policyName: 'bench',
    policy: BENCH_POLICY,
    indicator: null,
  };
}

/** N tasks `PREFIX-000000`…, all due at `deadline`, started a day before `now`. */
export function benchTasksDueTogether(prefix: string, n: number, now: number, deadline: number): NewTaskInput[] {
  return Array.from({ length: n }, (_, i) => benchTask(`${prefix}-${String(i).padStart(6, '0')}`, `Nhiệm vụ thử tải số ${i}`, now - 86_400_000, deadline));
}

/** Jobs per second of a bare BullMQ queue processing N no-op jobs with `concurrency`, on `config`'s Redis and prefix. */
export async function measureBaseline(config: Config, n: number, concurrency: number): Promise<number> {
  const connection = createRedis(config);
  const queue = new Queue('baseline', { connection, prefix: config.QUEUE_PREFIX });
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { removeOnComplete: true } })));
  }
  let done = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const worker = new Worker('baseline', async () => undefined, { connection: createRedis(config), prefix: config.QUEUE_PREFIX, concurrency });
    worker.on('completed', () => {
      done += 1;
      if (done === n) void worker.close().then(resolve);
    });
  });
  const seconds = (performance.now() - t0) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return n / seconds;
}

/** CPU seconds (user + system) used so far by process `pid`, from /proc; 0 once it is gone. */
export function cpuSecondsOf(pid: string | number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process whose name starts with `name` (e.g. PostgreSQL's backends). */
export function cpuSecondsOfAll(name: string): number {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith(name);
      } catch {
        return false;
      }
    })
    .reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}

// `npx tsx scripts/bench-memory.ts [--tasks N] [--settle S] [--keep | --reuse STAMP]`: the worker's memory with N ACTIVE tasks
// (default 100,000): every deadline lies months ahead, so there are N pending Timer rows and N delayed jobs.
// On a fresh database, starts a worker (`node bin/da06.js worker`, a child process, as users run it), waits
// for its first full reconcile (at start it re-adds every pending timer from PostgreSQL), keeps it idle for S
// seconds (default 10), and reads its peak RSS from /proc (VmHWM). Then drops the database and the Redis keys,
// unless --keep: it prints the STAMP with which --reuse measures again without seeding again (and keeps them too).
// The last line of output is one JSON object:
//   { tasks, pendingTimers, delayedJobs, reconcileSeconds, timersRequeued, workerStartRssMb,
//     workerPeakRssMb, workerRssAfterMb, seedTasksPerSecond }
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { benchTask, createBenchProvince, openBenchRun, round } from './bench-fixture.js';
import { migrate } from '../src/db/migrate.js';
import { openEngine } from '../src/engine/engine-deps.js';
import { startTasks } from '../src/engine/write/start-task.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({
  options: { tasks: { type: 'string', default: '100000' }, settle: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false }, reuse: { type: 'string' } },
});
const N = Number(values.tasks);
const settleMs = Number(values.settle) * 1000;
const keep = values.keep || values.reuse !== undefined;
const run = await openBenchRun('bench-memory', { ...(values.reuse === undefined ? {} : { stamp: values.reuse }), outboxParent: os.tmpdir(), logLevel: 'info' });
const { stamp, config, env, log } = run;
const dbUrl = new URL(config.DATABASE_URL);

log(`database ${dbUrl.pathname.slice(1)}, ${N} active tasks${keep ? `; kept afterwards: measure again with --reuse ${stamp}` : ''}`);
if (!values.reuse) await migrate(config.DATABASE_URL);
const engine = await openEngine(config, createLogger('warn', 'stderr'));
const p = engine.prisma;

/** One province, one unit and its head, and N tasks in chunks, each chunk's delayed jobs added after its commit. */
async function seed(): Promise<void> {
  await createBenchProvince(p);
  // Active tasks: deadlines spread over the next year, starting two months ahead, so that nothing falls due
  // while the worker is measured; no reminder, so one pending Timer row (the deadline) per task.
  const now = Date.now();
  const DAY = 86_400_000;
  const CHUNK = 10_000;
  for (let from = 0; from < N; from += CHUNK) {
    const tasks = Array.from({ length: Math.min(CHUNK, N - from) }, (_, j) => {
      const i = from + j;
      const deadline = now + 60 * DAY + (i % 300) * DAY + (i % 97) * 60_000;
      return benchTask(`ACTIVE-${String(i).padStart(6, '0')}`, `Nhiệm vụ đang thực hiện số ${i}`, now - DAY, deadline);
    });
    const after = await p.$transaction((tx) => startTasks(tx, engine, tasks, now), { timeout: 600_000 });
    await after();
    log(`seeded ${from + tasks.length}/${N}`);
  }
}

try {
  const seedStart = performance.now();
  if (!values.reuse) await seed();
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const pendingTimers = await p.timer.count({ where: { state: 'pending' } });
  const delayedJobs = await engine.queues.timers.getDelayedCount();
  log(`${values.reuse ? 'reused' : `seeded in ${seedSeconds.toFixed(1)} s`}: ${pendingTimers} pending timers, ${delayedJobs} delayed jobs`);

  // The worker. Its stdout carries pino's JSON lines: the first reconcile pass ends with 'reconcile done' (or,
  // Redis never having been reconciled by a worker, with the warning that it rebuilt the jobs).
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/da06.js', 'worker'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let reconciled: { timersRequeued: number; seconds: number } | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; timersRequeued?: number };
      if (!reconciled && typeof entry.timersRequeued === 'number' && /^reconcile/.test(entry.msg ?? '')) {
        reconciled = { timersRequeued: entry.timersRequeued, seconds: (performance.now() - t0) / 1000 };
      }
    } catch {
      /* not a log line */
    }
  });
  const status = () => {
    try {
      const text = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
      return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
    } catch {
      return undefined;
    }
  };
  let workerStartRssMb = 0;
  let peak = 0;
  let settledAt: number | undefined;
  for (;;) {
    const s = status();
    if (!s) throw new Error('the worker exited before its first reconcile');
    peak = Math.max(peak, s.hwm);
    // RSS once the modules are loaded and the engine is open, before the reconcile has read much.
    if (!workerStartRssMb && performance.now() - t0 > 1500) workerStartRssMb = s.rss;
    if (reconciled && settledAt === undefined) {
      settledAt = performance.now();
      log(`first reconcile done after ${reconciled.seconds.toFixed(1)} s (${reconciled.timersRequeued} timers re-added); idling ${settleMs / 1000} s`);
    }
    if (settledAt !== undefined && performance.now() - settledAt >= settleMs) break;
    if (performance.now() - t0 > 600_000) throw new Error('no reconcile after 10 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  const last = status();
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) log(`the worker exited with ${code}`);
  const result = {
    tasks: N,
    pendingTimers,
    delayedJobs,
    reconcileSeconds: round(reconciled?.seconds ?? 0, 2),
    timersRequeued: reconciled?.timersRequeued ?? 0,
    workerStartRssMb: round(workerStartRssMb),
    workerPeakRssMb: round(Math.max(peak, last?.hwm ?? 0)),
    workerRssAfterMb: round(last?.rss ?? 0),
    seedTasksPerSecond: values.reuse ? null : round(N / seedSeconds),
  };
  log(`worker peak RSS ${result.workerPeakRssMb} MB (after loading ${result.workerStartRssMb} MB, after the reconcile and ${settleMs / 1000} s idle ${result.workerRssAfterMb} MB)`);
  console.log(JSON.stringify(result));
} finally {
  await engine.close();
  // Nothing falls due while measured, so the worker wrote no email: the folder goes even with --keep.
  await run.cleanup({ keepData: keep });
}
process.exit(0);

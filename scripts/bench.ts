// `npm run bench -- --tasks N [--concurrency C] [--workers W] [--outbox DIR]`: N tasks fall due together; the workers (child
// processes, as in production, started and warmed up before the storm) escalate every one to its head (snapshot
// persisted, outbox row written, email handed to the transport), timed from the instant they fall due; then a
// bare BullMQ queue processes N no-op jobs on the same Redis with the same concurrency.
// The last line of output is one JSON object (INTERFACES.md, "Benchmark").
import { spawn } from 'node:child_process';
import { readFileSync, watch } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchTasksDueTogether, cpuSecondsOf, cpuSecondsOfAll, createBenchProvince, measureBaseline, openBenchRun, round } from './bench-fixture.js';
import { migrate } from '../src/db/migrate.js';
import { openEngine } from '../src/engine/engine-deps.js';
import { startTasks } from '../src/engine/write/start-task.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({
  options: { tasks: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '64' }, workers: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, outbox: { type: 'string' } },
});
const N = Number(values.tasks);
const concurrency = Number(values.concurrency);
const workerCount = Number(values.workers);
// `--outbox /tmp` measures the disk as well (the default, /dev/shm, does not: see openBenchRun).
const run = await openBenchRun('bench', values.outbox === undefined ? {} : { outboxParent: values.outbox });
const { config, env, outbox, log } = run;
const prefix = config.QUEUE_PREFIX;
const dbUrl = new URL(config.DATABASE_URL);

log(`database ${dbUrl.pathname.slice(1)}, ${N} tasks, ${workerCount} worker(s) of concurrency ${concurrency}, emails to ${outbox}`);
await migrate(config.DATABASE_URL);
const engine = await openEngine(config, createLogger('warn', 'stderr'));
const p = engine.prisma;
await createBenchProvince(p);

// The workers, as users run them, started first and warmed up (first reconcile done), so the storm measures
// escalation, not process start. Their peak RSS is read from /proc (VmHWM).
const children = Array.from({ length: workerCount }, () =>
  spawn(process.execPath, [...(process.env.DA06_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.DA06_BENCH_PROFILE] : []), 'bin/da06.js', 'worker'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
);
/** CPU seconds (user + system) used so far by the workers, PostgreSQL's and Redis's processes, from /proc. */
function cpuSeconds(): { workers: number; postgres: number; redis: number } {
  return { workers: children.reduce((sum, c) => sum + cpuSecondsOf(c.pid ?? 0), 0), postgres: cpuSecondsOfAll('postgres'), redis: cpuSecondsOfAll('redis-server') };
}
let peakRssMb = 0;
const sampleRss = () => {
  for (const child of children) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakRssMb = Math.max(peakRssMb, Number(m[1]) / 1024);
    } catch {
      /* the process is gone */
    }
  }
};
// Each worker's first reconcile pass ends by setting this marker (src/engine/jobs/reconcile.ts); give the others a moment.
while (!(await engine.redis.exists(`${prefix}:da06:reconciled`))) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 1000));

// The storm: N tasks whose deadline is the same instant, far enough ahead for the import to finish first.
const seedStart = performance.now();
const dueAt = Date.now() + 3000 + N / 2;
const tasks = benchTasksDueTogether('BENCH', N, Date.now(), dueAt);
const after = await p.$transaction((tx) => startTasks(tx, engine, tasks, Date.now()), { timeout: 600_000 });
await after();
const seedSeconds = (performance.now() - seedStart) / 1000;
log(`seeded ${N} tasks in ${seedSeconds.toFixed(1)} s (${Math.round(N / seedSeconds)} tasks/s), due in ${((dueAt - Date.now()) / 1000).toFixed(1)} s`);
const eventsBefore = await p.taskEvent.count();
const client = new pg.Client({ connectionString: config.DATABASE_URL });
await client.connect();
await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now())));
const t0 = performance.now() - Math.max(0, Date.now() - dueAt);
const cpu0 = cpuSeconds();
// Done when PostgreSQL has every overdue email marked sent. Counting them costs PostgreSQL a scan of the outbox
// table (6 ms at 20,000 rows, measured; more as it grows): polled every 100 ms from the start, the bench took a
// share of a core from the storm it measures (the peers count in process). So the .eml files arriving in the outbox
// are counted as they are renamed into place (inotify), and PostgreSQL is asked only once they are all there
// (or every 5 s, should the watcher miss some).
const written = new Set<string>();
const watcher = watch(outbox, (_type, name) => {
  // `<notification id>-<task code>-overdue[-<copy>].eml` (src/engine/jobs/send-notification.ts): one task each.
  const code = name && /^\d+-(BENCH-.+)-overdue(?:-\d+)?\.eml$/.exec(name)?.[1];
  if (code) written.add(code);
});
let askedAt = performance.now();
for (;;) {
  sampleRss();
  if (written.size >= N || performance.now() - askedAt > 5000) {
    askedAt = performance.now();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Notification" WHERE kind = 'overdue' AND status = 'sent'`);
    if ((rows[0] as { n: number }).n >= N) break;
  }
  await new Promise((r) => setTimeout(r, 20));
}
watcher.close();
const seconds = (performance.now() - t0) / 1000;
sampleRss();
const cpu1 = cpuSeconds();
log(`CPU during the storm: workers ${(cpu1.workers - cpu0.workers).toFixed(1)} s, PostgreSQL ${(cpu1.postgres - cpu0.postgres).toFixed(1)} s, Redis ${(cpu1.redis - cpu0.redis).toFixed(1)} s, over ${seconds.toFixed(1)} s`);
const transitions = (await p.taskEvent.count()) - eventsBefore;

// Timer lateness: with the worker running, M tasks fall due in the same second; lateness = when the Timer row
// was settled minus when it was due.
const M = Math.min(N, 10_000);
const lateDueAt = Date.now() + 5000 + M;
const lateTasks = benchTasksDueTogether('LATE', M, Date.now(), lateDueAt);
const afterLate = await p.$transaction((tx) => startTasks(tx, engine, lateTasks, Date.now()), { timeout: 600_000 });
await afterLate();
// Lateness of the timers named `sendLike` of those tasks, once every one has fired: settled minus due.
// Their ids, so that the count below reads their Timer rows through the (taskId, state) index, not a join.
const { rows: lateIds } = await client.query(`SELECT min(id)::int AS lo, max(id)::int AS hi FROM "Task" WHERE code LIKE 'LATE-%'`);
const { lo, hi } = lateIds[0] as { lo: number; hi: number };
async function lateness(sendLike: string): Promise<{ p50: number; p99: number }> {
  const fired = `FROM "Timer" t WHERE t."taskId" BETWEEN ${lo} AND ${hi} AND t."sendId" LIKE '${sendLike}' AND t.state = 'fired'`;
  for (;;) {
    sampleRss();
    const { rows } = await client.query(`SELECT count(*)::int AS n ${fired}`);
    if ((rows[0] as { n: number }).n >= M) break;
    // Lateness comes from the rows' own times, not from this poll: poll slowly, this count costs PostgreSQL ≈ 8 ms.
    await new Promise((r) => setTimeout(r, 1000));
  }
  const { rows } = await client.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
     FROM (SELECT extract(epoch FROM t."settledAt" - t."fireAt") * 1000 AS ms ${fired}) x`,
  );
  return { p50: Number((rows[0] as { p50: number }).p50), p99: Number((rows[0] as { p99: number }).p99) };
}
const { p50: latenessP50Ms, p99: latenessP99Ms } = await lateness('%untilDeadline%');
log(`timer lateness with ${M} timers due in the same second: p50 ${latenessP50Ms.toFixed(0)} ms, p99 ${latenessP99Ms.toFixed(0)} ms`);
// Their heads are to be told at the same instant (escalateToHeadAfter PT0S): when was that decided?
const head = await lateness('%untilHeadEscalation%');
log(`head escalations of those tasks, due at the same instant: p50 ${head.p50.toFixed(0)} ms, p99 ${head.p99.toFixed(0)} ms late`);
await Promise.all(children.map((child) => new Promise((r) => child.once('exit', r).kill('SIGTERM'))));
await client.end();
log(`escalated ${N} tasks to their head in ${seconds.toFixed(1)} s: ${transitions} transitions, peak worker RSS ${peakRssMb.toFixed(0)} MB`);

// The baseline: a bare BullMQ queue, N no-op jobs, same Redis, same concurrency.
const baselineJobsPerSecond = await measureBaseline(config, N, concurrency);
await engine.close();

if (!values.keep) await run.cleanup();
const transitionsPerSecond = transitions / seconds;
log(`baseline: ${N} no-op jobs in ${(N / baselineJobsPerSecond).toFixed(2)} s`);
console.log(
  JSON.stringify({
    tasks: N,
    seconds: round(seconds, 2),
    transitionsPerSecond: round(transitionsPerSecond),
    emailsPerSecond: round(N / seconds),
    baselineJobsPerSecond: round(baselineJobsPerSecond),
    ratio: round(transitionsPerSecond / baselineJobsPerSecond, 3),
    workerPeakRssMb: round(peakRssMb),
    seedTasksPerSecond: round(N / seedSeconds),
    timerLatenessP50Ms: round(latenessP50Ms, 0),
    timerLatenessP99Ms: round(latenessP99Ms, 0),
    headEscalationLatenessP50Ms: round(head.p50, 0),
    headEscalationLatenessP99Ms: round(head.p99, 0),
  }),
);
process.exit(0);

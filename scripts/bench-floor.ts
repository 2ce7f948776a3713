// `npm run bench:floor -- --tasks N [--batch B] [--lanes L]`: how fast could an escalation storm go if BullMQ were
// out of its way? The same N tasks as `npm run bench`, all due at one instant, escalated by the engine's own
// functions called in this process, with no job taken per task: L lanes, each firing the next B due timers in
// one transaction and then sending the emails they wrote (`sweepDueTimers`, as the wake-up jobs do). What is left is the per-task cost of the machine, PostgreSQL
// and the email itself: the ceiling of any design that keeps them, compared with the same bare BullMQ baseline.
// Before the storm it also times the machine alone (the two transitions of each task, in memory).
// The last line of output is one JSON object:
//   { tasks, batch, lanes, seconds, transitionsPerSecond, baselineJobsPerSecond, ratio, machineMsPerTask,
//     processCpuMsPerTask, postgresCpuMsPerTask, redisCpuMsPerTask }
import { parseArgs } from 'node:util';
import { migrate } from '../src/db/migrate.js';
import { sqlOn } from '../src/db/sql.js';
import type { TaskWithUnit } from '../src/engine/write/transition-plan.js';
import { openEngine } from '../src/engine/engine-deps.js';
import { runWakeUps } from '../src/engine/write/door.js';
import { sweepDueTimers } from '../src/engine/jobs/sweep.js';
import { loadProvinceContext } from '../src/engine/province/province-context.js';
import { startTasks } from '../src/engine/write/start-task.js';
import { createLogger } from '../src/logger.js';
import { createMailTransport } from '../src/mail/transport.js';
import { benchTasksDueTogether, cpuSecondsOfAll, createBenchProvince, measureBaseline, openBenchRun, round } from './bench-fixture.js';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '20000' }, batch: { type: 'string', default: '500' }, lanes: { type: 'string', default: '2' } } });
const N = Number(values.tasks);
const batch = Number(values.batch);
const lanes = Number(values.lanes);
const run = await openBenchRun('bench-floor');
const { config, outbox, log } = run;
const dbUrl = new URL(config.DATABASE_URL);

log(`database ${dbUrl.pathname.slice(1)}, ${N} tasks, ${lanes} lane(s) of ${batch} timers, emails to ${outbox}`);
await migrate(config.DATABASE_URL);
const engine = await openEngine(config, createLogger('warn', 'stderr'), { poolSize: lanes + 2 });
const transport = createMailTransport({ outboxDir: outbox });
try {
  await createBenchProvince(engine.prisma);
  const dueAt = Date.now() + 3000 + N / 2;
  const after = await engine.prisma.$transaction((tx) => startTasks(tx, engine, benchTasksDueTogether('FLOOR', N, Date.now(), dueAt), Date.now()), { timeout: 600_000 });
  await after();

  // The machine alone: each task's deadline and, due at the same instant, its head escalation, in memory.
  const province = await loadProvinceContext(engine.prisma);
  const tasks = (await engine.prisma.task.findMany({ include: { unit: true } })) as TaskWithUnit[];
  const timers = new Map((await engine.prisma.timer.findMany({ where: { state: 'pending' } })).map((t) => [t.taskId, t]));
  const m0 = performance.now();
  let planned = 0;
  for (const task of tasks) {
    const timer = timers.get(task.id);
    if (!timer) continue;
    for (const step of runWakeUps(province, task, [{ sendId: timer.sendId, fireAt: dueAt, event: timer.event as { type: string }, timerId: timer.id }], dueAt)) void step;
    planned += 1;
  }
  const machineMsPerTask = (performance.now() - m0) / planned;
  log(`the machine alone: ${machineMsPerTask.toFixed(3)} ms a task (two transitions, restored and persisted)`);

  await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now())));
  const cpu0 = process.cpuUsage();
  const pg0 = cpuSecondsOfAll('postgres');
  const redis0 = cpuSecondsOfAll('redis-server');
  const t0 = performance.now();
  // The sweeps the wake-up job and its helpers run in the worker, here without BullMQ around them.
  await Promise.all(Array.from({ length: lanes }, () => sweepDueTimers(engine, transport, { batch })));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const postgresSeconds = cpuSecondsOfAll('postgres') - pg0;
  const redisSeconds = cpuSecondsOfAll('redis-server') - redis0;
  const [counts] = await sqlOn(engine.pool).query<{ transitions: number; sent: number }>(
    `SELECT (SELECT count(*)::int FROM "TaskEvent" WHERE type LIKE 'TIMER_%') AS transitions, (SELECT count(*)::int FROM "Notification" WHERE status = 'sent') AS sent`,
  );
  const { transitions, sent } = counts as { transitions: number; sent: number };
  if (sent < N) throw new Error(`only ${sent} of ${N} emails were sent`);
  log(`escalated ${N} tasks in ${seconds.toFixed(2)} s: ${transitions} transitions, ${sent} emails`);
  log(`CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, PostgreSQL ${postgresSeconds.toFixed(1)} s, Redis ${redisSeconds.toFixed(1)} s`);

  const baselineJobsPerSecond = await measureBaseline(config, N, 64);
  log(`baseline: ${N} no-op jobs in ${(N / baselineJobsPerSecond).toFixed(2)} s`);
  const transitionsPerSecond = transitions / seconds;
  console.log(
    JSON.stringify({
      tasks: N,
      batch,
      lanes,
      seconds: round(seconds, 2),
      transitionsPerSecond: round(transitionsPerSecond),
      baselineJobsPerSecond: round(baselineJobsPerSecond),
      ratio: round(transitionsPerSecond / baselineJobsPerSecond, 3),
      machineMsPerTask: round(machineMsPerTask, 3),
      processCpuMsPerTask: round((cpu.user + cpu.system) / 1000 / N, 3),
      postgresCpuMsPerTask: round((postgresSeconds * 1000) / N, 3),
      redisCpuMsPerTask: round((redisSeconds * 1000) / N, 3),
    }),
  );
} finally {
  transport.close();
  await engine.close();
  await run.cleanup();
}
process.exit(0);

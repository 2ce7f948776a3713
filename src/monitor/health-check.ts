import type { EngineDeps } from '../engine/engine-deps.js';

/** The outcome of `/healthz`: each dependency's reachability and how long it took to answer. */
export interface HealthReport {
  ok: boolean;
  postgres: { ok: boolean; ms: number; error?: string };
  redis: { ok: boolean; ms: number; error?: string };
}

const TIMEOUT_MS = 2000;

// The shared Redis connection queues commands while disconnected (maxRetriesPerRequest: null), so a
// probe would wait forever: bound each probe by a timeout instead.
async function probe(run: () => Promise<unknown>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks that PostgreSQL answers `SELECT 1` and Redis answers `PING`. */
export async function healthCheck(deps: EngineDeps): Promise<HealthReport> {
  const [postgres, redis] = await Promise.all([
    probe(() => deps.prisma.$queryRaw`SELECT 1`),
    probe(async () => {
      const answer = await deps.redis.ping();
      if (answer !== 'PONG') throw new Error(`PING answered ${answer}`);
    }),
  ]);
  return { ok: postgres.ok && redis.ok, postgres, redis };
}

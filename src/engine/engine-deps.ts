import { Queue } from 'bullmq';
import type pg from 'pg';
import type { Config } from '../config.js';
import { createPrismaClient, type PrismaClient } from '../db/prisma.js';
import { createPool } from '../db/sql.js';
import type { Logger } from '../logger.js';
import { createRedis, type RedisClient } from '../queue/connection.js';
import { QUEUE_NAMES } from '../queue/queue-names.js';

export interface EngineQueues {
  timers: Queue;
  mail: Queue;
}

/** Everything the engine needs, passed as one object (the worker and each command are the composition roots). */
export interface EngineDeps {
  prisma: PrismaClient;
  /** The pool under `prisma`, for the plain SQL of the worker's hot path (`src/db/sql.ts`). */
  pool: pg.Pool;
  redis: RedisClient;
  queues: EngineQueues;
  config: Config;
  logger: Logger;
  /** The clock of the shell; the machine and the domain rules never read it. */
  now(): number;
}

export interface Engine extends EngineDeps {
  close(): Promise<void>;
}

export interface OpenEngineOptions {
  now?: () => number;
  poolSize?: number;
}

// Keep finished jobs briefly for `status` and Bull Board; PostgreSQL, not Redis, is the record.
const defaultJobOptions = { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 86_400, count: 1000 } };

/** Opens PostgreSQL, Redis and the queues of one installation. */
export async function openEngine(config: Config, logger: Logger, options: OpenEngineOptions = {}): Promise<Engine> {
  const pool = createPool(config.DATABASE_URL, options.poolSize ?? 10, (error) => logger.warn({ err: error.message }, 'idle PostgreSQL connection lost'));
  const prisma = createPrismaClient(pool);
  const redis = createRedis(config);
  const queueOptions = { connection: redis, prefix: config.QUEUE_PREFIX, defaultJobOptions };
  const queues: EngineQueues = {
    timers: new Queue(QUEUE_NAMES.timers, queueOptions),
    mail: new Queue(QUEUE_NAMES.mail, queueOptions),
  };
  return {
    prisma,
    pool,
    redis,
    queues,
    config,
    logger,
    now: options.now ?? Date.now,
    async close() {
      await Promise.allSettled([queues.timers.close(), queues.mail.close()]);
      redis.disconnect();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

import { Redis, type RedisOptions } from 'ioredis';

/** Opens a Redis connection for BullMQ (workers need `maxRetriesPerRequest: null` to block on jobs). */
export function createRedis(redisUrl: string, options: RedisOptions = {}): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, ...options });
}

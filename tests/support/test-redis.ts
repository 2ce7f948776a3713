import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './test-env.js';

/** A unique BullMQ prefix for one test file, and a function that deletes every key under it. */
export function createTestQueuePrefix(label = 'test'): { prefix: string; cleanup(): Promise<void> } {
  const prefix = `da06test-${label.replace(/\W/g, '')}-${randomBytes(4).toString('hex')}`;
  return {
    prefix,
    async cleanup() {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

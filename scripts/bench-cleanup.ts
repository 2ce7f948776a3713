// What the benchmark scripts leave behind, removed: their database and their queue prefix's keys.
import { Cluster } from 'ioredis';
import pg from 'pg';
import type { Config } from '../src/config.js';
import { createRedis } from '../src/queue/connection.js';

/** Drops the database of `databaseUrl`, connecting to the `postgres` database of the same server. */
export async function dropBenchDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Deletes every key under `config.QUEUE_PREFIX`: SCAN walks one node, so on a cluster every master is walked. */
export async function deleteQueueKeys(config: Config): Promise<void> {
  const redis = createRedis(config);
  try {
    for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${config.QUEUE_PREFIX}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await node.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

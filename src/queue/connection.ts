import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';

/** ioredis' client of a single Redis or of a Redis Cluster: BullMQ takes either, and da06's own commands run on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the configuration's REDIS_URL, its nodes, and whether they form a cluster. */
export type RedisTarget = Pick<Config, 'REDIS_URL' | 'REDIS_CLUSTER' | 'redisNodes'>;

/**
 * Opens a connection for BullMQ (workers need `maxRetriesPerRequest: null` to block on jobs): a `Redis`, or a
 * `Cluster` seeded with every node of REDIS_URL when REDIS_CLUSTER is true.
 */
export function createRedis(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  const redisOptions: RedisOptions = { maxRetriesPerRequest: null, ...options };
  if (!target.REDIS_CLUSTER) return new Redis(target.REDIS_URL, redisOptions);
  const urls = target.redisNodes.map((node) => new URL(node));
  const first = urls[0];
  // The cluster learns the other nodes from CLUSTER SLOTS with host and port only, so the credentials and TLS
  // go into the options every node connection shares, not into the seed list.
  const shared: RedisOptions = {
    ...(first?.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first?.password ? { password: decodeURIComponent(first.password) } : {}),
    ...(first?.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return new Cluster(
    urls.map((url) => ({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379) })),
    { enableReadyCheck: true, redisOptions: { ...shared, ...redisOptions } },
  );
}

import os from 'node:os';
import { z } from 'zod';
import { isoDurationMs } from './domain/duration.js';
import { ConfigError } from './errors.js';

const isoDuration = (name: string) =>
  z.string().refine((v) => isoDurationMs(v) !== null, {
    message: `expected an ISO 8601 duration such as PT1M or PT30S for ${name}`,
  });

const url = (protocols: string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a URL such as ${example}` },
  );

const POSTS_PER_HOUR = 'expected a whole number of forms from 1 to 10000, such as 60';

const schema = z.object({
  DATABASE_URL: url(['postgresql:', 'postgres:'], 'postgresql://localhost:5432/da06').default('postgresql://localhost:5432/da06'),
  REDIS_URL: z
    .string()
    .refine((v) => redisNodeUrls(v) !== null, {
      message: 'expected a URL such as redis://127.0.0.1:6379 (on a Redis Cluster, seed nodes separated by commas: redis://10.0.0.1:6379,10.0.0.2:6379)',
    })
    .default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER: z
    .enum(['true', 'false'], { message: 'expected true (REDIS_URL names the seed nodes of a Redis Cluster) or false' })
    .default('false')
    .transform((v) => v === 'true'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, 'expected letters, digits, _ - { } (no colon), e.g. da06 or {da06}')
    .default('da06'),
  SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.vn:587').optional(),
  MAIL_OUTBOX_DIR: z.string().min(1).default('./outbox'),
  MAIL_FROM: z.string().min(3).default('"Đề án 06" <no-reply@localhost>'),
  PORT: z.coerce.number().int('expected a whole port number').min(1).max(65535).default(3000),
  DASHBOARD_USER: z.string().min(1).optional(),
  DASHBOARD_PASSWORD: z.string().min(1).optional(),
  ACK_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  PUBLIC_URL: url(['http:', 'https:'], 'https://da06.example.gov.vn').default('http://localhost:3000'),
  WORKSPACE_LINK_TTL: z
    .string()
    .refine((v) => (isoDurationMs(v) ?? 0) > 0, { message: 'expected an ISO 8601 duration longer than zero, such as P30D or PT12H' })
    .default('P30D'),
  WORKSPACE_POSTS_PER_HOUR: z.coerce
    .number({ error: POSTS_PER_HOUR })
    .int(POSTS_PER_HOUR)
    .min(1, POSTS_PER_HOUR)
    .max(10_000, POSTS_PER_HOUR)
    .default(60),
  RECONCILE_EVERY: isoDuration('RECONCILE_EVERY').default('PT1M'),
  MAIL_RETRY_DELAY: isoDuration('MAIL_RETRY_DELAY').default('PT30S'),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int('expected a whole number').min(1).max(1000).default(20),
  DIGEST_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM such as 07:30')
    .default('07:30'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  /** REDIS_URL as one full URL per node: one for a single Redis, the seed nodes of a Redis Cluster. */
  redisNodes: string[];
  reconcileEveryMs: number;
  mailRetryDelayMs: number;
}

/** Reads and validates the environment once; the error names the variable, the bad value and what was expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const value = secretName(name) ? '(hidden)' : JSON.stringify(env[name]);
      return `${name}=${value}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}. Fix the variable(s) or unset them to use the defaults (see .env.example).`);
  }
  const config = parsed.data;
  if (Boolean(config.DASHBOARD_USER) !== Boolean(config.DASHBOARD_PASSWORD)) {
    throw new ConfigError('Invalid configuration: DASHBOARD_USER and DASHBOARD_PASSWORD must be set together (or both unset to listen on loopback only).');
  }
  const redisNodes = redisNodeUrls(config.REDIS_URL) ?? [];
  if (!config.REDIS_CLUSTER && redisNodes.length > 1) {
    throw new ConfigError(
      `Invalid configuration: REDIS_URL lists ${redisNodes.length} nodes, but REDIS_CLUSTER is not true. Set REDIS_CLUSTER=true to use them as the seed nodes of a Redis Cluster, or give a single redis:// URL.`,
    );
  }
  if (config.REDIS_CLUSTER) {
    if (!HASH_TAG.test(config.QUEUE_PREFIX)) {
      throw new ConfigError(
        `Invalid configuration: QUEUE_PREFIX must be a hash tag such as {da06} on a Redis Cluster (REDIS_CLUSTER=true), so that all of a queue's keys hash to one slot; got ${JSON.stringify(config.QUEUE_PREFIX)}. Set QUEUE_PREFIX={${config.QUEUE_PREFIX.replace(/[{}]/g, '') || 'da06'}}.`,
      );
    }
    const withDb = redisNodes.map((node) => new URL(node)).find((node) => !['', '/', '/0'].includes(node.pathname));
    if (withDb) {
      throw new ConfigError(`Invalid configuration: REDIS_URL selects database ${withDb.pathname.slice(1)} on ${withDb.host}, but a Redis Cluster only has database 0. Remove the /N path.`);
    }
  }
  return {
    ...config,
    redisNodes,
    DATABASE_URL: withDefaultUser(config.DATABASE_URL, env),
    reconcileEveryMs: isoDurationMs(config.RECONCILE_EVERY) ?? 60_000,
    mailRetryDelayMs: isoDurationMs(config.MAIL_RETRY_DELAY) ?? 30_000,
  };
}

// Redis hashes only the part of a key between the first { and the next }: with the tag in the prefix, every
// key of every da06 queue (and da06's own keys) lands in one slot, as BullMQ's multi-key scripts require.
const HASH_TAG = /^[^{]*\{[^{}]+\}/;

/**
 * Splits REDIS_URL into one full URL per node, or null when an entry is not a redis:// or rediss:// URL.
 * Entries after the first may be bare `host:port`; the first entry's scheme, user and password apply to every node.
 */
export function redisNodeUrls(value: string): string[] | null {
  const [first, ...rest] = value.split(',').map((entry) => entry.trim());
  const head = first ? parseRedisUrl(first) : null;
  if (!head) return null;
  const nodes = [head.toString()];
  for (const entry of rest) {
    const node = parseRedisUrl(entry.includes('://') ? entry : `${head.protocol}//${entry}`);
    if (!node || !node.hostname) return null;
    nodes.push(node.toString());
  }
  return nodes;
}

function parseRedisUrl(text: string): URL | null {
  try {
    const parsed = new URL(text);
    return ['redis:', 'rediss:'].includes(parsed.protocol) ? parsed : null;
  } catch {
    return null;
  }
}

function secretName(name: string): boolean {
  return /PASSWORD|SECRET/.test(name);
}

// libpq falls back to the login name when a URL has no user; node-postgres does not, so do it here.
function withDefaultUser(databaseUrl: string, env: NodeJS.ProcessEnv): string {
  const parsed = new URL(databaseUrl);
  if (parsed.username) return databaseUrl;
  parsed.username = env.PGUSER ?? env.USER ?? os.userInfo().username;
  return parsed.toString();
}

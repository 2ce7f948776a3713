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

const schema = z.object({
  DATABASE_URL: url(['postgresql:', 'postgres:'], 'postgresql://localhost:5432/da06').default('postgresql://localhost:5432/da06'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
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
  return {
    ...config,
    DATABASE_URL: withDefaultUser(config.DATABASE_URL, env),
    reconcileEveryMs: isoDurationMs(config.RECONCILE_EVERY) ?? 60_000,
    mailRetryDelayMs: isoDurationMs(config.MAIL_RETRY_DELAY) ?? 30_000,
  };
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

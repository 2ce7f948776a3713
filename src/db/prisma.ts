import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from './generated/client.js';

export type { PrismaClient };
export * as db from './generated/client.js';

/** Opens a Prisma client through the pg driver adapter, on its own pool for `databaseUrl` or on `pool`. */
export function createPrismaClient(database: string | pg.Pool, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg(typeof database === 'string' ? { connectionString: database, max: poolSize } : database);
  return new PrismaClient({ adapter });
}

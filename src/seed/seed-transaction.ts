import type pg from 'pg';
import { createPrismaClient, type db } from '../db/prisma.js';
import { createPool } from '../db/sql.js';
import type { Logger } from '../logger.js';

type Tx = db.Prisma.TransactionClient;

export interface SeedTransactionOptions {
  databaseUrl: string;
  logger: Logger;
  /** How long the whole transaction may run. */
  timeout: number;
}

/**
 * Runs `work` in ONE PostgreSQL transaction, handed to it twice: as a Prisma transaction client (reference data,
 * `dispatch`) and as the very connection it runs on, for the bulk rows of a large import (COPY, plain SQL), which
 * the Prisma client would carry at many times the cost. Committed when `work` resolves, rolled back when it throws.
 */
export async function inSeedTransaction<T>(options: SeedTransactionOptions, work: (tx: Tx, connection: pg.PoolClient) => Promise<T>): Promise<T> {
  // A pool of one connection, used by nothing but this transaction: the client it checks out is the transaction's.
  const pool = createPool(options.databaseUrl, 1, (error) => options.logger.warn({ err: error.message }, 'idle PostgreSQL connection lost'));
  let connection: pg.PoolClient | undefined;
  pool.on('acquire', (client) => {
    connection = client;
  });
  const prisma = createPrismaClient(pool);
  try {
    return await prisma.$transaction(
      async (tx) => {
        if (!connection) throw new Error('The seed transaction has no connection of its own; this is a bug.');
        // Task rows (their snapshots) are compressed on their way into the table: lz4, where the server has it, costs
        // a fraction of the default pglz's CPU. The values read back the same; only this transaction's writes use it.
        await connection.query(
          `SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`,
        );
        return work(tx, connection);
      },
      { timeout: options.timeout, maxWait: 60_000 },
    );
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}

import pg from 'pg';
import type { db } from './prisma.js';

/**
 * Plain SQL for the worker's hot path (firing timers, writing transitions, claiming sends): the same rows the
 * Prisma client reads — `bigint` columns as BigInt, `timestamp(3)` columns as UTC Dates, JSON parsed — for a
 * fraction of the client's CPU. Everything else keeps using Prisma.
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

const INT8 = 20;
const TIMESTAMP = 1114;
// Prisma stores `DateTime` as `timestamp(3)` without a zone, in UTC.
const parseUtcTimestamp = (text: string): Date => new Date(`${text.replace(' ', 'T')}Z`);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === TIMESTAMP) return parseUtcTimestamp;
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as typeof pg.types.getTypeParser,
};

/**
 * The connection pool of one process, shared by the Prisma client (through its pg adapter, which brings its
 * own type parsers per query) and the plain SQL of the hot path. Sessions run in UTC, as Prisma assumes, and
 * without JIT compilation: da06's queries are short, and PostgreSQL compiled any whose estimated cost passed
 * `jit_above_cost` — a batch's lookup of earlier emails, estimated on an outbox table not yet analysed, spent
 * 45 ms compiling to run in 2 ms, every batch of a storm (pg_stat_statements' jit_* columns).
 */
export function createPool(databaseUrl: string, max: number, onIdleError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, types, options: '-c TimeZone=UTC -c jit=off' });
  // A connection dropped while idle (PostgreSQL restarted) is replaced on the next checkout; without a
  // listener the error would end the process.
  pool.on('error', onIdleError);
  return pool;
}

/** Plain SQL on one client (inside a transaction) or on the pool. */
export function sqlOn(client: pg.Pool | pg.PoolClient): Sql {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await client.query({ text, values: [...params] })).rows as R[];
    },
  };
}

/** Plain SQL inside a Prisma interactive transaction, for code shared by the worker's path and `dispatch`'s. */
export function sqlInPrisma(tx: db.Prisma.TransactionClient): Sql {
  return {
    query<R>(text: string, params: readonly unknown[] = []) {
      return tx.$queryRawUnsafe<R[]>(text, ...params);
    },
  };
}

/**
 * Inserts rows into `table` through one JSON parameter, whatever their number: each row an object keyed by column
 * name, `columns` naming each column's SQL type (`timestamp(3)` columns take ISO strings, read as UTC).
 */
export async function insertRows(sql: Sql, table: string, columns: Readonly<Record<string, string>>, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns).map((c) => `"${c}"`).join(', ');
  const types = Object.entries(columns).map(([c, type]) => `"${c}" ${type}`).join(', ');
  await sql.query(`INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS v(${types})`, [JSON.stringify(rows)]);
}

/** Runs `work` in one transaction on a client of `pool`: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection that breaks while checked out (PostgreSQL restarted, a reset socket) emits 'error' on the client,
  // which the pool listens for only while the client is idle: without this listener the process would end. The
  // query in flight fails with the same error, and the client is destroyed rather than returned to the pool.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(sqlOn(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is gone: destroy it rather than return it to the pool.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    throw error;
  } finally {
    // A broken client keeps the listener: it is ended, not reused, and may still report its socket closing.
    if (!broken) client.removeListener('error', onError);
    client.release(broken);
  }
}

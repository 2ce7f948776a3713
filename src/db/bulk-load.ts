import type pg from 'pg';
import type { Logger } from '../logger.js';

export interface BulkLoadOptions {
  /** How long to wait for the tables' locks before loading with the keys and indexes in place instead. */
  lockTimeoutMs: number;
  /**
   * About how many rows the load adds to each table: a table's secondary indexes are built again afterwards only
   * when it held fewer rows than that (by PostgreSQL's estimate), so the load at least doubles it.
   */
  rowsAdded: number;
  logger: Logger;
}

/** A foreign key or an index, with the definition that creates it again. */
interface Definition {
  table: string;
  name: string;
  definition: string;
}

const SAVEPOINT = 'da06_bulk_load';

/**
 * Runs `work` (bulk rows into `tables`, in the transaction open on `client`) as pg_restore loads a table: the
 * foreign keys those tables hold are checked once at the end instead of row by row, and the secondary indexes of
 * the tables it at least doubles are built once at the end instead of row by row. Both are dropped inside the
 * transaction and created again, with their own definitions and names, before `work`'s result is returned.
 *
 * Adding a key checks every row with one join (≈ 0.1 s per table at 100,000 rows), where row by row PostgreSQL
 * runs one lookup and locks the parent row for each (≈ 2 s of a 100,000-task import, measured). Building an index
 * sorts its rows once, where each row inserted walks every B-tree of its table. A row without its parent, or a
 * duplicate of a unique index, fails the import when the key or index comes back, as it would have failed its
 * COPY; the transaction rolls back, and with it the drop, so no other session ever sees the tables without them.
 * Primary keys and the indexes of constraints stay. `work` must therefore only write: the queries that need the
 * secondary indexes run after this returns.
 *
 * The price: dropping a key or an index locks its table (and a key the table it references) exclusively until
 * commit, so readers and the worker wait for the import. If the locks are not granted within `lockTimeoutMs` (a
 * long transaction holds one), or PostgreSQL refuses the drop (the role does not own the tables), everything
 * stays and `work` runs with the row-by-row checks and index updates; that is logged, and the load is only slower.
 */
export async function withBulkLoad<T>(client: pg.ClientBase, tables: readonly string[], options: BulkLoadOptions, work: () => Promise<T>): Promise<T> {
  const regclasses = tables.map((t) => `"${t}"`);
  const { rows: keys } = await client.query<Definition>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) ORDER BY c.conrelid::regclass::text, c.conname`,
    [regclasses],
  );
  // An empty table never analysed has relpages 0 and reltuples -1; a non-empty one never analysed keeps its indexes.
  const { rows: indexes } = await client.query<Definition>(
    `SELECT t.oid::regclass::text AS "table", i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary AND (t.relpages = 0 OR t.reltuples BETWEEN 0 AND $2)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
     ORDER BY 1, 2`,
    [regclasses, options.rowsAdded],
  );
  if ((keys.length === 0 && indexes.length === 0) || !(await dropAll(client, keys, indexes, options))) return work();
  const result = await work();
  let started = performance.now();
  for (const index of indexes) await client.query(index.definition);
  if (indexes.length > 0) options.logger.debug({ indexes: indexes.length, seconds: (performance.now() - started) / 1000 }, 'indexes built once');
  started = performance.now();
  if (keys.length > 0) {
    await alterEachTable(client, keys, (k) => `ADD CONSTRAINT "${k.name}" ${k.definition}`);
    options.logger.debug({ keys: keys.length, seconds: (performance.now() - started) / 1000 }, 'foreign keys checked once');
  }
  return result;
}

/**
 * Drops `keys`, then `indexes`, within a savepoint; false (nothing dropped, the transaction as it was) when
 * PostgreSQL refuses.
 */
async function dropAll(client: pg.ClientBase, keys: readonly Definition[], indexes: readonly Definition[], options: BulkLoadOptions): Promise<boolean> {
  const { rows } = await client.query<{ previous: string }>(`SELECT current_setting('lock_timeout') AS previous`);
  await client.query(`SAVEPOINT ${SAVEPOINT}`);
  try {
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${options.lockTimeoutMs}ms`]);
    await alterEachTable(client, keys, (k) => `DROP CONSTRAINT "${k.name}"`);
    if (indexes.length > 0) await client.query(`DROP INDEX ${indexes.map((i) => i.name).join(', ')}`);
    await client.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [rows[0]?.previous ?? '0']);
    return true;
  } catch (error) {
    // Rolling back to the savepoint also restores lock_timeout.
    await client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    options.logger.info({ err: (error as Error).message }, 'foreign keys checked and indexes updated row by row: the tables could not be taken for the import');
    return false;
  }
}

/** One `ALTER TABLE` per table holding some of `keys`, with one `clause` per key. */
async function alterEachTable(client: pg.ClientBase, keys: readonly Definition[], clause: (key: Definition) => string): Promise<void> {
  for (const table of new Set(keys.map((k) => k.table))) {
    await client.query(`ALTER TABLE ${table} ${keys.filter((k) => k.table === table).map(clause).join(', ')}`);
  }
}

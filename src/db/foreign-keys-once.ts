import type pg from 'pg';
import type { Logger } from '../logger.js';

export interface ForeignKeysOnceOptions {
  /** How long to wait for the tables' locks before checking row by row instead. */
  lockTimeoutMs: number;
  logger: Logger;
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

const SAVEPOINT = 'da06_foreign_keys_once';

/**
 * Runs `work` (bulk rows into `tables`, in the transaction open on `client`) with the foreign keys those tables
 * hold checked once at the end, as pg_restore does, instead of row by row: the keys are dropped inside the
 * transaction and added back, with their own definitions, before `work`'s result is returned. Adding a key checks
 * every row with one join (≈ 0.1 s per table at 100,000 rows), where row by row PostgreSQL runs one lookup and
 * locks the parent row for each (≈ 2 s of a 100,000-task import, measured). A row without its parent fails the
 * import when the key is added back, as it would have failed its COPY; the transaction rolls back, and with it
 * the drop, so no other session ever sees the tables without their keys.
 *
 * The price: dropping a key locks its table and the table it references exclusively until commit, so readers and
 * the worker wait for the import. If the locks are not granted within `lockTimeoutMs` (a long transaction holds
 * one), or the keys cannot be dropped at all (the role does not own the tables), the keys stay and `work` runs
 * with the row-by-row checks; that is logged, and the import is only slower.
 */
export async function withForeignKeysCheckedOnce<T>(client: pg.ClientBase, tables: readonly string[], options: ForeignKeysOnceOptions, work: () => Promise<T>): Promise<T> {
  const { rows: keys } = await client.query<ForeignKey>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) ORDER BY c.conrelid::regclass::text, c.conname`,
    [tables.map((t) => `"${t}"`)],
  );
  if (keys.length === 0 || !(await dropKeys(client, keys, options))) return work();
  const result = await work();
  const started = performance.now();
  await alterEachTable(client, keys, (k) => `ADD CONSTRAINT "${k.name}" ${k.definition}`);
  options.logger.debug({ keys: keys.length, seconds: (performance.now() - started) / 1000 }, 'foreign keys checked once');
  return result;
}

/** Drops `keys` within a savepoint; false (nothing dropped, the transaction as it was) when PostgreSQL refuses. */
async function dropKeys(client: pg.ClientBase, keys: readonly ForeignKey[], options: ForeignKeysOnceOptions): Promise<boolean> {
  const { rows } = await client.query<{ previous: string }>(`SELECT current_setting('lock_timeout') AS previous`);
  await client.query(`SAVEPOINT ${SAVEPOINT}`);
  try {
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${options.lockTimeoutMs}ms`]);
    await alterEachTable(client, keys, (k) => `DROP CONSTRAINT "${k.name}"`);
    await client.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [rows[0]?.previous ?? '0']);
    return true;
  } catch (error) {
    // Rolling back to the savepoint also restores lock_timeout.
    await client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    options.logger.info({ err: (error as Error).message }, 'foreign keys checked row by row: the tables could not be taken for the import');
    return false;
  }
}

/** One `ALTER TABLE` per table holding some of `keys`, with one `clause` per key. */
async function alterEachTable(client: pg.ClientBase, keys: readonly ForeignKey[], clause: (key: ForeignKey) => string): Promise<void> {
  for (const table of new Set(keys.map((k) => k.table))) {
    await client.query(`ALTER TABLE ${table} ${keys.filter((k) => k.table === table).map(clause).join(', ')}`);
  }
}

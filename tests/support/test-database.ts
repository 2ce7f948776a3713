import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEMPLATE_DB, TEST_PG_BASE } from './test-env.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template, dropped by `drop()`. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `da06_${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; retry briefly.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
      break;
    } catch (error) {
      if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
  return {
    name,
    url: `${TEST_PG_BASE}/${name}`,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A database name that does not exist yet (for `da06 migrate` tests). */
export function freshDatabaseName(label = 'fresh'): string {
  return `da06_${label}_${randomBytes(4).toString('hex')}`;
}

/** Drops a database by name. */
export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The TEST_PG_BASE URL with a database name appended. */
export function databaseUrl(name: string): string {
  return `${TEST_PG_BASE}/${name}`;
}

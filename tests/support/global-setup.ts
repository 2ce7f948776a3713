import pg from 'pg';
import { migrate } from '../../src/db/migrate.js';
import { TEMPLATE_DB, TEST_PG_BASE } from './test-env.js';

/** Migrates a fresh template database once; every integration test file clones it (fast, isolated). */
export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [TEMPLATE_DB]);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await migrate(`${TEST_PG_BASE}/${TEMPLATE_DB}`);
}

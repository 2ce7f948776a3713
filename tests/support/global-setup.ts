import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.js';
import { TEST_PG_BASE } from './test-env.js';

async function dropTemplate(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Migrates a template database once per test run (its name is unique to the run, so concurrent runs on one
 * server never touch each other's); every integration test file clones it (fast, isolated).
 */
export default async function setup(): Promise<() => Promise<void>> {
  // `npm run test:unit` selects only the pure tests: they need no database, so do not ask for one.
  const args = process.argv.join(' ');
  if (/--project[= ]unit\b/.test(args) && !/--project[= ](integration|e2e)\b/.test(args)) return async () => {};
  const name = `da06_test_template_${randomBytes(4).toString('hex')}`;
  await migrate(`${TEST_PG_BASE}/${name}`);
  // Test workers are forked after this and inherit the variable.
  process.env.DA06_TEST_TEMPLATE = name;
  return () => dropTemplate(name);
}

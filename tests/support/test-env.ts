import os from 'node:os';

/** The PostgreSQL server the tests use (a URL without a database name is completed per test file). */
export const TEST_PG_BASE = process.env.TEST_DATABASE_BASE_URL ?? `postgresql://${process.env.PGUSER ?? process.env.USER ?? os.userInfo().username}@127.0.0.1:5432`;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Migrated once per test run by the global setup; each test file clones it. */
export const TEMPLATE_DB = process.env.DA06_TEST_TEMPLATE ?? 'da06_test_template';

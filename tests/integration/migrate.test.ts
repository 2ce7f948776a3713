import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, dropDatabase, freshDatabaseName } from '../support/test-database.js';

const run = promisify(execFile);
const name = freshDatabaseName('migrate');

async function query(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('da06 migrate on a database that does not exist', () => {
  afterAll(() => dropDatabase(name));

  it('creates the database and applies every migration, recorded as Prisma records them', async () => {
    const { stdout } = await run('node', ['bin/da06.js', 'migrate', '--json'], {
      env: { ...process.env, DATABASE_URL: databaseUrl(name) },
    });
    const result = JSON.parse(stdout) as { databaseCreated: boolean; applied: string[] };
    expect(result.databaseCreated).toBe(true);
    expect(result.applied.length).toBeGreaterThan(0);
    const rows = await query('SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.rows.map((r) => r.migration_name)).toEqual(result.applied);
    for (const row of rows.rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
    const tables = await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['Task', 'Timer', 'Notification', 'TaskEvent', 'Unit', 'Official', 'Policy', 'Province', 'ProgressReport']),
    );
  });

  it('changes nothing when run again', async () => {
    const before = await query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name');
    const { stdout } = await run('node', ['bin/da06.js', 'migrate'], { env: { ...process.env, DATABASE_URL: databaseUrl(name) } });
    expect(stdout).toMatch(/up to date/);
    const after = await query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name');
    expect(after.rows).toEqual(before.rows);
  });
});

describe('the da06 command', () => {
  it('lists its commands with --help', async () => {
    const { stdout } = await run('node', ['bin/da06.js', '--help']);
    expect(stdout).toMatch(/migrate/);
  });

  it('rejects an unknown command with a non-zero exit', async () => {
    await expect(run('node', ['bin/da06.js', 'frobnicate'])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown command 'frobnicate'/) });
  });

  it('names the variable, the bad value and the expectation when the environment is wrong', async () => {
    await expect(
      run('node', ['bin/da06.js', 'migrate'], { env: { ...process.env, REDIS_URL: 'localhost:6379' } }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/REDIS_URL="localhost:6379": expected a URL such as redis:\/\//) });
  });
});

// Writes the next migration from a change to prisma/schema.prisma: `npm run db:diff -- --name add_x`.
//
// Prisma's wasm schema engine cannot introspect PostgreSQL through the pg adapter here (it fails on the
// catalog's "char" columns), so this diffs two schema files instead of the database: the schema as of the
// last migration (kept in prisma/migrations/schema-at-last-migration.prisma) against the current one.
// The SQL is Prisma's own; the folder layout is Prisma's standard one.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MIGRATIONS_DIR } from '../src/db/migrate.js';
import { openSchemaEngine } from '../src/db/schema-engine.js';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
const name = values.name;
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('db:diff needs --name NAME (lowercase letters, digits, underscores), e.g. npm run db:diff -- --name add_digest');
  process.exit(2);
}
const schemaPath = path.resolve('prisma/schema.prisma');
const snapshotPath = path.join(MIGRATIONS_DIR, 'schema-at-last-migration.prisma');
const previous = await readFile(snapshotPath, 'utf8').catch(() => null);
const { engine, close } = await openSchemaEngine(process.env.DATABASE_URL ?? 'postgresql://localhost:5432/postgres');
try {
  const result = await engine.diff({
    from: previous === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: snapshotPath, content: previous }] },
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? '';
  if (!sql.trim() || sql.includes('This is an empty migration')) {
    console.log('db:diff: prisma/schema.prisma matches the last migration; nothing to write');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql);
    await copyFile(schemaPath, snapshotPath);
    console.log(`db:diff: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await close();
}

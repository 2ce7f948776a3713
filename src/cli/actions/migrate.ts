import { loadConfig } from '../../config.js';
import { migrate, redact } from '../../db/migrate.js';

/** `da06 migrate`: creates the database if missing and applies prisma/migrations. */
export async function runMigrate(options: { json?: boolean }): Promise<void> {
  const config = loadConfig();
  const result = await migrate(config.DATABASE_URL);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const where = redact(config.DATABASE_URL);
  if (result.databaseCreated) process.stdout.write(`Created database ${where}\n`);
  process.stdout.write(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s) to ${where}: ${result.applied.join(', ')}\n`
      : `Database ${where} is up to date; no migration to apply\n`,
  );
}

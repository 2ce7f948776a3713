import type { Command } from 'commander';

/** `da06 migrate`: creates the database if missing and applies prisma/migrations. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply prisma/migrations to DATABASE_URL (creates the database if missing)')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      const { runMigrate } = await import('../actions/migrate.js');
      await runMigrate(options);
    });
}

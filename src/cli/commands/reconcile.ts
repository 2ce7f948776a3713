import type { Command } from 'commander';

/** `da06 reconcile`: rebuilds wake-ups and send jobs from the database. */
export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description('rebuild wake-ups and send jobs from the database')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      const { runReconcile } = await import('../actions/reconcile.js');
      await runReconcile(options);
    });
}

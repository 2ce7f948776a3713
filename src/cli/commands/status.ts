import type { Command } from 'commander';

/** `da06 status [--json]`: queue counts and task summary. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('queue counts, tasks by status class, escalations, emails pending and failed')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      const { runStatus } = await import('../actions/status.js');
      await runStatus(options);
    });
}

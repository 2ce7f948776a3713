import type { Command } from 'commander';

/** `da06 summary [--as-of DATE] [--json]`: the status classes per unit and for the province, with on-time rate and rank. */
export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('the four status classes per unit and for the province as of a date, with on-time rates and ranks')
    .option('--as-of <date>', 'a date (2024-06-30 or 30/06/2024: its end) or an ISO date-time; default now')
    .option('--json', 'print one JSON document')
    .action(async (options: { asOf?: string; json?: boolean }) => {
      const { runSummary } = await import('../actions/summary.js');
      await runSummary(options);
    });
}

import type { Command } from 'commander';
import { reconcile } from '../../engine/reconcile.js';
import { printJson, withEngine } from '../with-engine.js';

/** `da06 reconcile`: rebuilds wake-ups and send jobs from the database. */
export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description('rebuild wake-ups and send jobs from the database')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      await withEngine(async (engine) => {
        const report = await reconcile(engine, { full: true });
        if (options.json) printJson(report);
        else
          process.stdout.write(
            `Re-added ${report.timersRequeued} wake-up(s) and ${report.mailRequeued} send job(s); ran ${report.overdueTimersRun} overdue wake-up(s)${report.redisWasReset ? ' (Redis had been reset)' : ''}\n`,
          );
      });
    });
}

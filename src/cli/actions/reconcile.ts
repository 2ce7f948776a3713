import { reconcile } from '../../engine/reconcile.js';
import { printJson, withEngine } from '../with-engine.js';

/** `da06 reconcile`: rebuilds wake-ups and send jobs from the database. */
export async function runReconcile(options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const report = await reconcile(engine, { full: true });
    if (options.json) printJson(report);
    else
      process.stdout.write(
        `Re-added ${report.timersRequeued} wake-up(s) and ${report.mailRequeued} send job(s); ran ${report.overdueTimersRun} overdue wake-up(s)${report.redisWasReset ? ' (Redis had been reset)' : ''}\n`,
      );
  });
}

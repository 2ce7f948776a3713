import { lostJobs, reconcile, type ReconcileReport } from '../../engine/jobs/reconcile.js';
import { printJson, withEngine } from '../with-engine.js';

function note(report: ReconcileReport): string {
  if (lostJobs(report)) return ' (Redis had lost da06 state: those jobs were missing)';
  return report.redisWasReset ? ' (no earlier pass recorded in this Redis: every job checked, none missing)' : '';
}

/** `da06 reconcile`: rebuilds wake-ups and send jobs from the database. */
export async function runReconcile(options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const report = await reconcile(engine, { full: true });
    if (options.json) printJson(report);
    else
      process.stdout.write(
        `Re-added ${report.timersRequeued} wake-up(s) and ${report.mailRequeued} send job(s); ran ${report.overdueTimersRun} overdue wake-up(s)${note(report)}\n`,
      );
  });
}

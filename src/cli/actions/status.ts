import { statusReport } from '../../monitor/status-report.js';
import { printJson, withEngine } from '../with-engine.js';

/** `da06 status [--json]`: queue counts and task summary. */
export async function runStatus(options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const s = await statusReport(engine);
    if (options.json) {
      printJson(s);
      return;
    }
    const out: string[] = ['Queues', '  queue        waiting  delayed  active  completed  failed'];
    for (const [name, c] of Object.entries(s.queues)) {
      out.push(`  ${name.padEnd(12)} ${[c.waiting, c.delayed, c.active, c.completed, c.failed].map((n, i) => String(n).padStart(i === 3 ? 9 : 7)).join('  ')}`);
    }
    out.push('', `Tasks: ${s.tasks.total}`);
    for (const [cls, n] of Object.entries(s.tasks.byStatus)) out.push(`  ${cls.padEnd(26)} ${n}`);
    out.push(
      `  overdue ${s.tasks.overdue} · underperforming ${s.tasks.underperforming} · escalated to head ${s.tasks.escalatedToHead} · to chairman ${s.tasks.escalatedToChairman}`,
      '',
      `Emails: pending ${s.notifications.pending} (held for send window ${s.notifications.heldForSendWindow}) · sent ${s.notifications.sent} · failed ${s.notifications.failed}`,
    );
    for (const f of s.failedNotifications) out.push(`  FAILED #${f.id} ${f.task ?? '(digest)'} ${f.kind} after ${f.attempts} attempts: ${f.lastError ?? ''}`);
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

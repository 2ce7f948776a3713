import type { Command } from 'commander';

/** `suspend`, `resume` and `cancel`: stop the clock, start it again (the deadline moves by the time stopped), or end a task. */
export function registerSuspend(program: Command): void {
  program
    .command('suspend')
    .description('stop a task clock: no reminders or escalations until it is resumed')
    .argument('<code>', 'task code')
    .requiredOption('--reason <text>', 'why the task is suspended')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { reason: string; json?: boolean }) => {
      const { runSuspend } = await import('../actions/suspend.js');
      await runSuspend(code, options);
    });

  program
    .command('resume')
    .description('restart a suspended task clock; its deadline moves by the time it was suspended')
    .argument('<code>', 'task code')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { json?: boolean }) => {
      const { runResume } = await import('../actions/suspend.js');
      await runResume(code, options);
    });

  program
    .command('cancel')
    .description('cancel a task: it stops for good and counts as Đã hủy')
    .argument('<code>', 'task code')
    .requiredOption('--reason <text>', 'why the task is cancelled')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { reason: string; json?: boolean }) => {
      const { runCancel } = await import('../actions/suspend.js');
      await runCancel(code, options);
    });
}

import type { Command } from 'commander';

/** `da06 task show CODE [--json]`: one task with its timeline of events and emails. */
export function registerTaskShow(program: Command): void {
  const task = program.command('task').description('inspect one task');
  task
    .command('show')
    .description('state, status class, escalation level, deadline, indicator, audit events and emails of a task')
    .argument('<code>', 'task code')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { json?: boolean }) => {
      const { runTaskShow } = await import('../actions/task-show.js');
      await runTaskShow(code, options);
    });
}

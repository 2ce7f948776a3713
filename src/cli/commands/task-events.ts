import type { Command } from 'commander';

/** `report`, `complete` and `ack`: people's events, each through `dispatch`. */
export function registerTaskEvents(program: Command): void {
  program
    .command('report')
    .description('record an indicator value for a task')
    .argument('<code>', 'task code')
    .argument('<value>', 'reported value, e.g. 88.8 or 88,8')
    .option('--at <iso>', 'when the value was measured (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (code: string, raw: string, options: { at?: string; json?: boolean }) => {
      const { runReport } = await import('../actions/task-events.js');
      await runReport(code, raw, options);
    });

  program
    .command('complete')
    .description('mark a task done')
    .argument('<code>', 'task code')
    .option('--at <iso>', 'when it was completed (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { at?: string; json?: boolean }) => {
      const { runComplete } = await import('../actions/task-events.js');
      await runComplete(code, options);
    });

  program
    .command('ack')
    .description("record the head's acknowledgement of an escalation")
    .argument('<code>', 'task code')
    .requiredOption('--by <email>', 'who acknowledges')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { by: string; json?: boolean }) => {
      const { runAck } = await import('../actions/task-events.js');
      await runAck(code, options);
    });
}

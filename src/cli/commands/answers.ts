import type { Command } from 'commander';

/**
 * The unit's answers and the province's replies, as an administrator records them for someone (the same events
 * as the workspace's forms, channel `cli`): `explain`, `obstacle`, `resolve-obstacle`, `submit`, `confirm`, `return`.
 */
export function registerAnswers(program: Command): void {
  program
    .command('explain')
    .description("record the unit's explanation (giải trình) of an overdue or underperforming task")
    .argument('<code>', 'task code')
    .requiredOption('--cause <text>', 'why the task is late or behind')
    .requiredOption('--remedy <text>', 'what the unit will do about it')
    .requiredOption('--commit-date <date>', 'the date the unit promises, dd/mm/yyyy or YYYY-MM-DD')
    .requiredOption('--by <email>', 'who explains')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { cause: string; remedy: string; commitDate: string; by: string; json?: boolean }) => {
      const { runExplain } = await import('../actions/answers.js');
      await runExplain(code, options);
    });

  program
    .command('obstacle')
    .description('raise an obstacle (vướng mắc) to the province; prints its id')
    .argument('<code>', 'task code')
    .requiredOption('--description <text>', 'what blocks the task')
    .option('--needs <text>', 'what is needed, and from whom')
    .requiredOption('--by <email>', 'who raises it')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { description: string; needs?: string; by: string; json?: boolean }) => {
      const { runObstacle } = await import('../actions/answers.js');
      await runObstacle(code, options);
    });

  program
    .command('resolve-obstacle')
    .description('answer an obstacle; the unit is told')
    .argument('<id>', 'obstacle id, e.g. HG-2024-05-V1')
    .requiredOption('--response <text>', "the province's answer")
    .requiredOption('--by <email>', 'who answers')
    .option('--json', 'print one JSON document')
    .action(async (id: string, options: { response: string; by: string; json?: boolean }) => {
      const { runResolveObstacle } = await import('../actions/answers.js');
      await runResolveObstacle(id, options);
    });

  program
    .command('submit')
    .description("report a task done: it waits for the province's confirmation")
    .argument('<code>', 'task code')
    .option('--document <ref>', 'the document or product that shows it done')
    .option('--note <text>', 'a note for the province')
    .requiredOption('--by <email>', 'who reports it')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { document?: string; note?: string; by: string; json?: boolean }) => {
      const { runSubmit } = await import('../actions/answers.js');
      await runSubmit(code, options);
    });

  program
    .command('confirm')
    .description('confirm a submitted completion: the task is completed as of the submission')
    .argument('<code>', 'task code')
    .requiredOption('--by <email>', 'who confirms')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { by: string; json?: boolean }) => {
      const { runConfirm } = await import('../actions/answers.js');
      await runConfirm(code, options);
    });

  program
    .command('return')
    .description('send a submitted completion back: the task goes on and the unit is told why')
    .argument('<code>', 'task code')
    .requiredOption('--reason <text>', 'why it is sent back')
    .requiredOption('--by <email>', 'who returns it')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { reason: string; by: string; json?: boolean }) => {
      const { runReturn } = await import('../actions/answers.js');
      await runReturn(code, options);
    });
}

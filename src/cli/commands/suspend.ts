import type { Command } from 'commander';
import { dispatch } from '../../engine/dispatch.js';
import { InputError } from '../../errors.js';
import type { TaskEvent } from '../../../workflows/task-types.js';
import { printJson, withEngine } from '../with-engine.js';

/** `suspend`, `resume` and `cancel`: stop the clock, start it again (the deadline moves by the time stopped), or end a task. */
export function registerSuspend(program: Command): void {
  const reasonOf = (reason: string, what: string): string => {
    if (!reason.trim()) throw new InputError(`--reason is empty: say why the task is ${what}; it is recorded in the audit trail.`);
    return reason.trim();
  };
  const run = async (code: string, json: boolean | undefined, event: (at: number) => TaskEvent, said: string) => {
    await withEngine(async (engine) => {
      const result = await dispatch(engine, code, event(engine.now()), { actor: 'cli' });
      if (json) printJson(result);
      else process.stdout.write(`${code}: ${said}; task is ${result.state}\n`);
    });
  };

  program
    .command('suspend')
    .description('stop a task clock: no reminders or escalations until it is resumed')
    .argument('<code>', 'task code')
    .requiredOption('--reason <text>', 'why the task is suspended')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { reason: string; json?: boolean }) => {
      const reason = reasonOf(options.reason, 'suspended');
      await run(code, options.json, (at) => ({ type: 'SUSPENDED', at, reason }), 'suspended');
    });

  program
    .command('resume')
    .description('restart a suspended task clock; its deadline moves by the time it was suspended')
    .argument('<code>', 'task code')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { json?: boolean }) => {
      await run(code, options.json, (at) => ({ type: 'RESUMED', at }), 'resumed');
    });

  program
    .command('cancel')
    .description('cancel a task: it stops for good and counts as Đã hủy')
    .argument('<code>', 'task code')
    .requiredOption('--reason <text>', 'why the task is cancelled')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { reason: string; json?: boolean }) => {
      const reason = reasonOf(options.reason, 'cancelled');
      await run(code, options.json, (at) => ({ type: 'CANCELLED', at, reason }), 'cancelled');
    });
}

import type { Command } from 'commander';
import { dispatch } from '../../engine/dispatch.js';
import { InputError } from '../../errors.js';
import { parseAt, printJson, withEngine } from '../with-engine.js';

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
      const value = Number(raw.replace(',', '.'));
      if (!Number.isFinite(value)) throw new InputError(`VALUE "${raw}" is not a number: expected e.g. 88.8 or 88,8.`);
      await withEngine(async (engine) => {
        const result = await dispatch(engine, code, { type: 'PROGRESS_REPORTED', value, at: parseAt(options.at, engine.now()) }, { actor: 'cli' });
        if (options.json) printJson(result);
        else process.stdout.write(`${code}: recorded ${value}; task is ${result.state}, escalation ${result.escalationLevel}\n`);
      });
    });

  program
    .command('complete')
    .description('mark a task done')
    .argument('<code>', 'task code')
    .option('--at <iso>', 'when it was completed (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { at?: string; json?: boolean }) => {
      await withEngine(async (engine) => {
        const result = await dispatch(engine, code, { type: 'COMPLETED', at: parseAt(options.at, engine.now()) }, { actor: 'cli' });
        if (options.json) printJson(result);
        else process.stdout.write(`${code}: completed (${result.notifications} notice(s) to send)\n`);
      });
    });

  program
    .command('ack')
    .description("record the head's acknowledgement of an escalation")
    .argument('<code>', 'task code')
    .requiredOption('--by <email>', 'who acknowledges')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { by: string; json?: boolean }) => {
      if (!/^[^\s@]+@[^\s@]+$/.test(options.by)) throw new InputError(`--by "${options.by}" is not an e-mail address.`);
      await withEngine(async (engine) => {
        const result = await dispatch(engine, code, { type: 'ACKNOWLEDGED', by: options.by, at: engine.now() }, { actor: options.by });
        if (options.json) printJson(result);
        else process.stdout.write(`${code}: acknowledged by ${options.by}; escalation ${result.escalationLevel}\n`);
      });
    });
}

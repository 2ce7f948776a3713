import { dispatch } from '../../engine/write/dispatch.js';
import { InputError } from '../../errors.js';
import { checkedEmail, parseAt, printJson, withEngine, withoutContext } from '../with-engine.js';

/** `da06 report CODE VALUE [--at ISO]`: records an indicator value. */
export async function runReport(code: string, raw: string, options: { at?: string; json?: boolean }): Promise<void> {
  const value = Number(raw.replace(',', '.'));
  if (!Number.isFinite(value)) throw new InputError(`VALUE "${raw}" is not a number: expected e.g. 88.8 or 88,8.`);
  await withEngine(async (engine) => {
    const result = await dispatch(engine, code, { type: 'PROGRESS_REPORTED', value, at: parseAt(options.at, engine.now()) }, { actor: 'cli', channel: 'cli' });
    if (options.json) printJson(withoutContext(result));
    else process.stdout.write(`${code}: recorded ${value}; task is ${result.state}, escalation ${result.escalationLevel}\n`);
  });
}

/** `da06 complete CODE [--at ISO]`: marks a task done. */
export async function runComplete(code: string, options: { at?: string; json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const result = await dispatch(engine, code, { type: 'COMPLETED', at: parseAt(options.at, engine.now()) }, { actor: 'cli', channel: 'cli' });
    if (options.json) printJson(withoutContext(result));
    else process.stdout.write(`${code}: completed (${result.notifications} notice(s) to send)\n`);
  });
}

/** `da06 ack CODE --by EMAIL`: the head acknowledges an escalation. */
export async function runAck(code: string, options: { by: string; json?: boolean }): Promise<void> {
  checkedEmail(options.by);
  await withEngine(async (engine) => {
    const result = await dispatch(engine, code, { type: 'ACKNOWLEDGED', by: options.by, at: engine.now() }, { actor: options.by, channel: 'cli' });
    if (options.json) printJson(withoutContext(result));
    else process.stdout.write(`${code}: acknowledged by ${options.by}; escalation ${result.escalationLevel}\n`);
  });
}

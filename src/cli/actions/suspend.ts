import { dispatch } from '../../engine/write/dispatch.js';
import { InputError } from '../../errors.js';
import type { TaskEvent } from '../../../workflows/task-types.js';
import { printJson, withEngine, withoutContext } from '../with-engine.js';

function reasonOf(reason: string, what: string): string {
  if (!reason.trim()) throw new InputError(`--reason is empty: say why the task is ${what}; it is recorded in the audit trail.`);
  return reason.trim();
}

async function run(code: string, json: boolean | undefined, event: (at: number) => TaskEvent, said: string): Promise<void> {
  await withEngine(async (engine) => {
    const result = await dispatch(engine, code, event(engine.now()), { actor: 'cli', channel: 'cli' });
    if (json) printJson(withoutContext(result));
    else process.stdout.write(`${code}: ${said}; task is ${result.state}\n`);
  });
}

/** `da06 suspend CODE --reason TEXT`: stops the task's clock. */
export async function runSuspend(code: string, options: { reason: string; json?: boolean }): Promise<void> {
  const reason = reasonOf(options.reason, 'suspended');
  await run(code, options.json, (at) => ({ type: 'SUSPENDED', at, reason }), 'suspended');
}

/** `da06 resume CODE`: restarts the clock; the deadline moves by the time suspended. */
export async function runResume(code: string, options: { json?: boolean }): Promise<void> {
  await run(code, options.json, (at) => ({ type: 'RESUMED', at }), 'resumed');
}

/** `da06 cancel CODE --reason TEXT`: ends the task for good. */
export async function runCancel(code: string, options: { reason: string; json?: boolean }): Promise<void> {
  const reason = reasonOf(options.reason, 'cancelled');
  await run(code, options.json, (at) => ({ type: 'CANCELLED', at, reason }), 'cancelled');
}

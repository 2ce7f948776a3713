import { loadConfig } from '../config.js';
import { openEngine, type Engine } from '../engine/engine-deps.js';
import { createLogger } from '../logger.js';
import { InputError } from '../errors.js';

/** Runs a one-shot command with the engine open (logs to stderr), and closes it whatever happens. */
export async function withEngine<T>(run: (engine: Engine) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const engine = await openEngine(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'stderr'));
  try {
    return await run(engine);
  } finally {
    await engine.close();
  }
}

/** Parses `--at ISO` (default: now), naming the option and the value when it is not a date-time. */
export function parseAt(value: string | undefined, now: number): number {
  if (value === undefined) return now;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new InputError(`--at "${value}" is not a date-time: expected ISO 8601 such as 2024-06-30T17:00:00+07:00.`);
  return at;
}

/** A `--by EMAIL` option, refused with its value when it is not an e-mail address. */
export function checkedEmail(raw: string): string {
  if (!/^[^\s@]+@[^\s@]+$/.test(raw)) throw new InputError(`--by "${raw}" is not an e-mail address.`);
  return raw;
}

/** Prints one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
}

/** A dispatch result as commands print it: the machine's context is internal (task show prints what people need). */
export function withoutContext<T extends { context: unknown }>(result: T): Omit<T, 'context'> {
  const { context: _context, ...printed } = result;
  return printed;
}

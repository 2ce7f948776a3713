import { Command, CommanderError } from 'commander';
import { Da06Error } from '../errors.js';
import { registerCommands } from './commands/index.js';

const program = new Command('da06')
  .description('da06 follows every Đề án 06 task until it is done: reminders, escalations, and the record of both.')
  .showHelpAfterError('(run `da06 --help` to see the commands)')
  .exitOverride();

registerCommands(program);

let code: number;
try {
  await program.parseAsync(process.argv);
  code = typeof process.exitCode === 'number' ? process.exitCode : 0;
} catch (error) {
  code = exitCodeFor(error);
}
// Exit explicitly: Prisma's wasm schema engine keeps a timer alive for ~10 s after it is freed, and every
// command (the long-running `worker` and `serve` included) has finished its work when its action resolves.
process.exit(code);

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (unknown command, missing argument, --help…).
    return error.exitCode;
  }
  if (error instanceof Da06Error) {
    process.stderr.write(`da06: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`da06: unexpected error: ${message}\n`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}

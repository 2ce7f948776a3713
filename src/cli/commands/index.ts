import type { Command } from 'commander';
import { registerAnswers } from './answers.js';
import { registerCalendar } from './calendar.js';
import { registerExtend } from './extend.js';
import { registerLink } from './link.js';
import { registerMigrate } from './migrate.js';
import { registerPreview } from './preview.js';
import { registerReconcile } from './reconcile.js';
import { registerSeed } from './seed.js';
import { registerServe } from './serve.js';
import { registerStatus } from './status.js';
import { registerSummary } from './summary.js';
import { registerSuspend } from './suspend.js';
import { registerTaskEvents } from './task-events.js';
import { registerTaskShow } from './task-show.js';
import { registerUnitShow } from './unit-show.js';
import { registerWorker } from './worker.js';

/**
 * Adds every da06 command to the program. A command's file holds only its name, arguments, options and help;
 * its implementation (src/cli/actions/) is imported when it runs, so `da06 worker` does not load Express,
 * ExcelJS or the schema engine, and `da06 --help` loads none of them.
 */
export function registerCommands(program: Command): void {
  registerMigrate(program);
  registerWorker(program);
  registerStatus(program);
  registerTaskShow(program);
  registerUnitShow(program);
  registerTaskEvents(program);
  registerAnswers(program);
  registerReconcile(program);
  registerSeed(program);
  registerExtend(program);
  registerSuspend(program);
  registerPreview(program);
  registerSummary(program);
  registerCalendar(program);
  registerServe(program);
  registerLink(program);
}

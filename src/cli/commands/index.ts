import type { Command } from 'commander';
import { registerMigrate } from './migrate.js';
import { registerReconcile } from './reconcile.js';
import { registerSeed } from './seed.js';
import { registerServe } from './serve.js';
import { registerStatus } from './status.js';
import { registerTaskEvents } from './task-events.js';
import { registerTaskShow } from './task-show.js';
import { registerWorker } from './worker.js';

/** Adds every da06 command to the program. */
export function registerCommands(program: Command): void {
  registerMigrate(program);
  registerWorker(program);
  registerStatus(program);
  registerTaskShow(program);
  registerTaskEvents(program);
  registerReconcile(program);
  registerSeed(program);
  registerServe(program);
}

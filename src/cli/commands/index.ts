import type { Command } from 'commander';
import { registerMigrate } from './migrate.js';

/** Adds every da06 command to the program. */
export function registerCommands(program: Command): void {
  registerMigrate(program);
}

import type { Command } from 'commander';

/** `da06 worker`: runs the timer, mail and maintenance workers until SIGINT/SIGTERM, then drains and exits 0. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the timer, mail and maintenance workers until SIGINT/SIGTERM')
    .option('--lanes <n>', 'wake-up sweeps this process runs at once, each firing due timers in batches of 500', '2')
    .action(async (options: { lanes: string }) => {
      // Loaded on use, like every command's implementation: `da06 worker` never loads what other commands need.
      const { runWorker } = await import('../actions/worker.js');
      await runWorker(options);
    });
}

import type { Command } from 'commander';

/** `da06 serve`: the monitoring HTTP server until SIGINT/SIGTERM, then closes its connections and exits 0. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('HTTP server: / overview, /tasks/CODE, /queues Bull Board, /metrics, /healthz, /ack/TOKEN')
    .action(async () => {
      const { runServe } = await import('../actions/serve.js');
      await runServe();
    });
}

import type { Command } from 'commander';

/** `da06 preview [--days N] [--json]`: who will be emailed, when and why, over the next N days; nothing is sent. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('who will be emailed, when and why, over the next N days (default 7), without sending anything')
    .option('--days <n>', 'how many days ahead', '7')
    .option('--json', 'print one JSON document')
    .action(async (options: { days: string; json?: boolean }) => {
      const { runPreview } = await import('../actions/preview.js');
      await runPreview(options);
    });
}

import type { Command } from 'commander';

/** `da06 seed FILE [--dry-run] [--json] [--province FILE]`: validates the whole file, then imports it in one transaction. */
export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('validate a YAML or JSON seed file (or an Excel plan with --province) and import it in one transaction')
    .argument('<file>', 'seed file: .yaml, .yml, .json, or .xlsx (Kế hoạch appendix) with --province')
    .option('--province <file>', 'for an .xlsx plan: the seed file holding the province, calendar, policies and units')
    .option('--dry-run', 'validate and print what would change; write nothing')
    .option('--json', 'print one JSON document')
    .action(async (file: string, options: { province?: string; dryRun?: boolean; json?: boolean }) => {
      const { runSeed } = await import('../actions/seed.js');
      await runSeed(file, options);
    });
}

import type { Command } from 'commander';
import { importSeed } from '../../seed/import-seed.js';
import { loadSeed } from '../../seed/load-seed.js';
import { renderSeedOutcome } from '../../seed/render-seed-outcome.js';
import { printJson, withEngine } from '../with-engine.js';

const PROGRESS_FROM = 2000;

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
      const seed = await loadSeed(file, { now: Date.now(), ...(options.province ? { province: options.province } : {}) });
      await withEngine(async (engine) => {
        const progress = process.stderr.isTTY && seed.tasks.length >= PROGRESS_FROM ? progressBar() : undefined;
        const outcome = await importSeed(engine, seed, { file, dryRun: options.dryRun === true, ...(progress ? { onProgress: progress } : {}) });
        if (progress) process.stderr.write('\n');
        if (options.json) printJson(outcome);
        else process.stdout.write(renderSeedOutcome(outcome));
      });
    });
}

function progressBar(): (done: number, total: number) => void {
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(`\r  tasks [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
  };
}

import { importSeed } from '../../seed/import-seed.js';
import { loadSeed } from '../../seed/load-seed.js';
import { renderSeedOutcome } from '../../seed/render-seed-outcome.js';
import { printJson, withEngine } from '../with-engine.js';

const PROGRESS_FROM = 2000;

/** `da06 seed FILE [--dry-run] [--json] [--province FILE]`: validates the whole file, then imports it in one transaction. */
export async function runSeed(file: string, options: { province?: string; dryRun?: boolean; json?: boolean }): Promise<void> {
  const seed = await loadSeed(file, { now: Date.now(), ...(options.province ? { province: options.province } : {}) });
  await withEngine(async (engine) => {
    const progress = process.stderr.isTTY && seed.tasks.length >= PROGRESS_FROM ? progressBar() : undefined;
    const outcome = await importSeed(engine, seed, { file, dryRun: options.dryRun === true, ...(progress ? { onProgress: progress } : {}) });
    if (progress) process.stderr.write('\n');
    if (options.json) printJson(outcome);
    else process.stdout.write(renderSeedOutcome(outcome));
  });
}

function progressBar(): (done: number, total: number) => void {
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(`\r  tasks [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
  };
}

/**
 * `prisma db seed` / `npx tsx prisma/seed.ts [FILE]`: imports the Hà Giang sample (or FILE) exactly as
 * `da06 seed` does — validated whole, one transaction, idempotent. package.json's `prisma.seed` and
 * `npm run db:seed` call the CLI directly; this entry point is for tools that expect a seed.ts.
 */
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine/engine-deps.js';
import { createLogger } from '../src/logger.js';
import { importSeed } from '../src/seed/import-seed.js';
import { loadSeed } from '../src/seed/load-seed.js';
import { renderSeedOutcome } from '../src/seed/render-seed-outcome.js';

const file = process.argv[2] ?? 'prisma/seeds/ha-giang.yaml';
const config = loadConfig();
const seed = await loadSeed(file, { now: Date.now() });
const engine = await openEngine(config, createLogger(config.LOG_LEVEL, 'stderr'));
try {
  process.stdout.write(renderSeedOutcome(await importSeed(engine, seed, { file, dryRun: false })));
} finally {
  await engine.close();
}

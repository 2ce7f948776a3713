// `prisma generate` offline: Prisma's CLI tries to download its schema-engine binary at every start; generate
// does not execute it, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file lets it run without network.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? self, CHECKPOINT_DISABLE: '1' },
});
process.exit(result.status ?? 1);

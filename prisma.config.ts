import { defineConfig } from 'prisma/config';

// Prisma's CLI is used only for `prisma generate` (offline); migrations are applied by `da06 migrate`
// through Prisma's own schema engine compiled to WebAssembly (src/db/migrate.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/da06' },
});

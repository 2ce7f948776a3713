import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import type * as Bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

let loaded: Promise<typeof Bindings> | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly; its package is built for bundlers, so the wasm
 * module is instantiated here by hand and handed to the generated bindings.
 */
function loadBindings(): Promise<typeof Bindings> {
  loaded ??= (async () => {
    const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    // The package's exports map does not list the .wasm file: find it beside the bindings.
    const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
    const wasmPath = path.join(path.dirname(entry), 'schema_engine_bg.wasm');
    const bytes = await readFile(wasmPath);
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bindings;
  })();
  return loaded;
}

export interface OpenSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and ends its connection pool (an idle pool would keep the process alive). */
  close(): Promise<void>;
}

/** Opens Prisma's schema engine on `databaseUrl` through the pg driver adapter. */
export async function openSchemaEngine(databaseUrl: string): Promise<OpenSchemaEngine> {
  const { SchemaEngine: Engine } = await loadBindings();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, allowExitOnIdle: true });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const log = (message: string): void => {
    if (process.env.DA06_DEBUG_SCHEMA_ENGINE) process.stderr.write(`${Date.now() % 100000} ${message}\n`);
  };
  const engine = await Engine.new({ datamodels: undefined }, log, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await pool.end();
    },
  };
}

#!/usr/bin/env node
// The `da06` command. It runs the JavaScript that `npm run build` (postinstall) compiled to dist/, as long as no
// source file changed since; otherwise the TypeScript sources directly through tsx, so an edit is never ignored.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// V8 settings that must be in place before the code they concern runs (both are read when used, so setting them
// here works as well as on the command line; an unknown flag would be reported on stdout, so only flags that
// every supported Node has):
// - Prisma's query compiler is WebAssembly. Compiled by the baseline compiler only, it costs ~60 MB less RSS
//   (V8 otherwise recompiles its hot functions with TurboFan, whose buffers the allocator keeps), and one-shot
//   commands start faster; its plans are cached per query shape, so its speed barely matters afterwards.
v8.setFlagsFromString('--liftoff-only');
// - The worker's work makes much short-lived garbage that outlives a scavenge or two. By default V8 lets the old
//   generation grow up to 4× what survived the last full collection before collecting again: the worker then
//   held ~150 MB of garbage at the peak of an escalation storm. 1.5× keeps its peak RSS near its idle RSS, for
//   a few more (concurrent, short) full collections.
if (process.argv[2] === 'worker') v8.setFlagsFromString('--heap-growing-percent=50');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** True when dist/ was built after the last change to any file under src/ or workflows/. */
function compiledIsCurrent() {
  let built;
  try {
    built = Date.parse(readFileSync(path.join(root, 'dist', 'BUILT'), 'utf8').trim());
  } catch {
    return false;
  }
  for (const dir of ['src', 'workflows']) {
    for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs >= built) return false;
    }
  }
  return true;
}

if (compiledIsCurrent()) {
  await import('../dist/src/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}

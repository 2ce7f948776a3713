#!/usr/bin/env node
// The `da06` command: runs the TypeScript sources directly through tsx, so `npx da06` works right after `npm ci`.
import v8 from 'node:v8';
import { register } from 'tsx/esm/api';

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

register();
await import('../src/cli/main.ts');

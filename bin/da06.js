#!/usr/bin/env node
// The `da06` command: runs the TypeScript sources directly through tsx, so `npx da06` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// bin/da06.js in a miniature checkout: a compiled entry point that says "compiled" and a source one that says
// "sources", so the test sees which one a user's command would run.
describe('the da06 command', () => {
  let root: string;
  const run = () => execFileSync(process.execPath, [path.join(root, 'bin', 'da06.js')], { encoding: 'utf8' }).trim();

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'da06-launcher-'));
    mkdirSync(path.join(root, 'bin'));
    copyFileSync(path.resolve('bin/da06.js'), path.join(root, 'bin', 'da06.js'));
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
    symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
    mkdirSync(path.join(root, 'src', 'cli'), { recursive: true });
    mkdirSync(path.join(root, 'workflows'));
    writeFileSync(path.join(root, 'src', 'cli', 'main.ts'), "const from: string = 'sources';\nconsole.log(from);\n");
    writeFileSync(path.join(root, 'workflows', 'task-machine.ts'), 'export {};\n');
    mkdirSync(path.join(root, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'src', 'cli', 'main.js'), "console.log('compiled');\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs the TypeScript sources when nothing was built', () => {
    expect(run()).toBe('sources');
  });

  it('runs the compiled JavaScript when it was built after every source file', () => {
    const past = new Date(Date.now() - 60_000);
    for (const file of ['src/cli/main.ts', 'workflows/task-machine.ts']) utimesSync(path.join(root, file), past, past);
    writeFileSync(path.join(root, 'dist', 'BUILT'), `${new Date(Date.now() - 1000).toISOString()}\n`);
    expect(run()).toBe('compiled');
  });

  it('runs the sources again as soon as a source file changes after the build, so an edit is never ignored', () => {
    writeFileSync(path.join(root, 'workflows', 'task-machine.ts'), 'export const edited = true;\n');
    expect(run()).toBe('sources');
  });
});

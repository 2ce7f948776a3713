// `npm run build`: compiles src/ and workflows/ to dist/ (run by postinstall), so `da06` runs plain JavaScript:
// no TypeScript loader thread in every process (≈ 30 MB of a worker's memory) and no compile at start.
// bin/da06.js uses dist/ only while it is newer than every source file; otherwise it runs the sources via tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
if (!existsSync(path.join(root, 'src', 'cli', 'main.ts'))) {
  // `npm ci` in the Dockerfile runs before the sources are copied in; the image builds dist/ afterwards.
  console.log('build: no sources yet, nothing to compile');
  process.exit(0);
}
rmSync(dist, { recursive: true, force: true });
const started = new Date();
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// Files the code reads next to itself at run time: linked, not copied, so they can never go stale.
const link = (target, at) => {
  mkdirSync(path.dirname(path.join(dist, at)), { recursive: true });
  symlinkSync(path.relative(path.dirname(path.join(dist, at)), path.join(root, target)), path.join(dist, at));
};
link('src/mail/templates', 'src/mail/templates');
link('prisma', 'prisma');
// The sources this build saw: bin/da06.js compares their times with this stamp.
writeFileSync(path.join(dist, 'BUILT'), `${started.toISOString()}\n`);

import v8 from 'node:v8';
v8.setFlagsFromString('--liftoff-only');
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
const mods = process.argv.slice(2);
let last = rss();
console.log('start', last, JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)]))));
for (const m of mods) {
  const t = performance.now();
  await import(m);
  const now = rss();
  console.log(m, '+' + (now - last), '=', now, Math.round(performance.now() - t) + 'ms');
  last = now;
}
globalThis.gc?.();
console.log('end', JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)]))));

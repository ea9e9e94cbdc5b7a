#!/usr/bin/env node
// `npm run bench` runs every part of bench/ one after the other (about 40 minutes);
// `npm run bench -- --quick` runs every part at reduced size (a few minutes on a quiet machine), with the
// same sides and ratios, to run before and after a performance change. `--only reports,scheduler` picks
// parts. Each part prints its own table; this adds how long each took. DATABASE_URL and the BENCH_*
// variables pass through (a BENCH_* set by hand wins over the quick size).
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PARTS = [
  { name: 'append', quick: { BENCH_EVENTS: '2000', BENCH_BATCHES: '50' } },
  { name: 'http', quick: { BENCH_SECONDS: '3', BENCH_ORDERS: '300', BENCH_BACKGROUND_ORDERS: '10000' } },
  { name: 'rebuild', quick: { BENCH_ORDERS: '10000' } },
  { name: 'queries', quick: { BENCH_ORDERS: '10000', BENCH_SECONDS: '2' } },
  { name: 'relay', quick: { BENCH_RELAY_EVENTS: '5000', BENCH_SECONDS: '8', BENCH_ROUNDS: '2', BENCH_ORDERS: '200' } },
  { name: 'growth', quick: { BENCH_SIZES: '0,200000', BENCH_EVENTS: '2000' } },
  { name: 'reports', quick: {} },
  { name: 'scheduler', quick: {} },
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]?.split(',')) : null;
const unknown = only ? [...only].filter((n) => !PARTS.some((p) => p.name === n)) : [];
if (unknown.length) {
  console.error(`unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.map((p) => p.name).join(', ')}`);
  process.exit(2);
}

execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { cwd: root, stdio: 'inherit' });
const started = Date.now();
const took = [];
for (const part of PARTS) {
  if (only && !only.has(part.name)) continue;
  console.log(`\n=== bench:${part.name}${quick ? ' --quick' : ''} ===`);
  const t0 = Date.now();
  const env = { ...(quick ? part.quick : {}), ...process.env };
  const run = spawnSync(process.execPath, [join(root, `dist/bench/${part.name}.bench.js`), ...(quick ? ['--quick'] : [])], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  took.push(`${part.name} ${((Date.now() - t0) / 1000).toFixed(0)} s${run.status === 0 ? '' : ` (exit ${run.status ?? run.signal})`}`);
  if (run.status !== 0) process.exitCode = 1;
}
console.log(`\nbench${quick ? ' --quick' : ''}: ${took.join(', ')}; total ${((Date.now() - started) / 60000).toFixed(1)} min`);

#!/usr/bin/env node
// What blocked the event loop: reads a V8 CPU profile (.cpuprofile, e.g. from BENCH_CPU_PROFILE in
// `bench:http`) and finds the long tasks, runs of consecutive samples in which the loop was never
// idle. Prints how many there were by length, then for the tasks of at least --min ms (default 20)
// the functions they spent their time in (inclusive: a function and what it called) and on their
// own (self). Hand-written: Chrome DevTools shows the same as a flame chart, one task at a time.
//
//   node tools/long-tasks.mjs <file.cpuprofile> [--min 20] [--top 30]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
if (!file) {
  console.error('usage: node tools/long-tasks.mjs <file.cpuprofile> [--min 20] [--top 30]');
  process.exit(2);
}
const MIN_MS = option('min', 20);
const TOP = option('top', 30);

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? url.replace(/^.*\/(node_modules|dist)\//, '$1/') : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
};
const idle = (id) => nodes.get(id).callFrame.functionName === '(idle)';

// Tasks: maximal runs of non-idle samples; a sample's time is the delta to the next one.
const tasks = [];
let current = null;
const { samples, timeDeltas } = profile;
for (let i = 0; i < samples.length; i++) {
  const ms = (timeDeltas[i + 1] ?? 0) / 1000;
  if (idle(samples[i])) {
    if (current) tasks.push(current);
    current = null;
    continue;
  }
  current ??= { ms: 0, samples: [] };
  current.ms += ms;
  current.samples.push([samples[i], ms]);
}
if (current) tasks.push(current);

const total = (profile.endTime - profile.startTime) / 1000;
const busy = tasks.reduce((s, t) => s + t.ms, 0);
console.log(`${file}: ${(total / 1000).toFixed(1)} s profiled, event loop busy ${((100 * busy) / total).toFixed(0)} %`);
for (const min of [5, 10, 20, 40, 80]) {
  const over = tasks.filter((t) => t.ms >= min);
  console.log(`  tasks of ${String(min).padStart(2)} ms or more: ${String(over.length).padStart(5)}, ${over.reduce((s, t) => s + t.ms, 0).toFixed(0)} ms in all`);
}
const long = tasks.filter((t) => t.ms >= MIN_MS);
console.log(`  longest: ${long.map((t) => t.ms.toFixed(0)).sort((a, b) => b - a).slice(0, 10).join(', ')} ms`);
if (long.length === 0) process.exit(0);

const inclusive = new Map();
const self = new Map();
let inLong = 0;
for (const task of long) {
  for (const [id, ms] of task.samples) {
    inLong += ms;
    const own = name(nodes.get(id));
    self.set(own, (self.get(own) ?? 0) + ms);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const key = name(nodes.get(n));
      if (seen.has(key)) continue; // recursion counts once
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
}
const print = (title, map) => {
  console.log(`\n${title} (of ${inLong.toFixed(0)} ms in tasks of ${MIN_MS} ms or more)`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`${((100 * ms) / inLong).toFixed(1).padStart(6)} %  ${key}`);
};
print('inclusive', inclusive);
print('self', self);

#!/usr/bin/env node
// The largest retainers of a V8 heap snapshot (`node tools/heap-top.mjs <file.heapsnapshot> [count]`):
// each object's retained size (what would be freed with it) from the snapshot's dominator tree, and
// the self sizes summed by constructor. The same figures as Chrome DevTools' Memory tab, without a
// browser. Hand-written (about a hundred lines) because the maintained analysers (memlab) install
// Puppeteer and a Chrome with them.
import { readFileSync } from 'node:fs';

const [file, countArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/heap-top.mjs <file.heapsnapshot> [count]');
  process.exit(2);
}
const count = Number(countArg ?? 25);
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const { node_fields: nodeFields, edge_fields: edgeFields, node_types: nodeTypes, edge_types: edgeTypes } = snapshot.snapshot.meta;
const { nodes, edges, strings } = snapshot;
const NF = nodeFields.length;
const EF = edgeFields.length;
const [nType, nName, nSelf, nEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nodeFields.indexOf(f));
const [eType, eTo] = ['type', 'to_node'].map((f) => edgeFields.indexOf(f));
const types = nodeTypes[nType];
const weak = edgeTypes[eType].indexOf('weak');
const n = nodes.length / NF;

// Each node's first edge, and its successors without weak edges (weak references retain nothing).
const firstEdge = new Uint32Array(n + 1);
for (let i = 0, e = 0; i < n; i++) {
  firstEdge[i] = e;
  e += nodes[i * NF + nEdges] * EF;
}
firstEdge[n] = edges.length;
const successors = (i, visit) => {
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += EF) if (edges[e + eType] !== weak) visit(edges[e + eTo] / NF);
};

// Reverse post-order from the root (node 0), iteratively.
const order = new Int32Array(n).fill(-1); // node -> its index in post-order
const post = [];
const stack = [0];
const cursor = new Uint32Array(n);
const seen = new Uint8Array(n);
seen[0] = 1;
cursor[0] = firstEdge[0];
while (stack.length) {
  const i = stack[stack.length - 1];
  let pushed = false;
  while (cursor[i] < firstEdge[i + 1]) {
    const e = cursor[i];
    cursor[i] += EF;
    if (edges[e + eType] === weak) continue;
    const j = edges[e + eTo] / NF;
    if (seen[j]) continue;
    seen[j] = 1;
    cursor[j] = firstEdge[j];
    stack.push(j);
    pushed = true;
    break;
  }
  if (!pushed) {
    order[i] = post.length;
    post.push(i);
    stack.pop();
  }
}

// Predecessors of reachable nodes, then the dominators (Cooper, Harvey and Kennedy's iteration).
const predecessors = Array.from({ length: n }, () => []);
for (const i of post) successors(i, (j) => predecessors[j].push(i));
const idom = new Int32Array(n).fill(-1);
idom[0] = 0;
const intersect = (a, b) => {
  while (a !== b) {
    while (order[a] < order[b]) a = idom[a];
    while (order[b] < order[a]) b = idom[b];
  }
  return a;
};
for (let changed = true; changed;) {
  changed = false;
  for (let k = post.length - 2; k >= 0; k--) {
    const i = post[k];
    let dom = -1;
    for (const p of predecessors[i]) if (idom[p] !== -1) dom = dom === -1 ? p : intersect(p, dom);
    if (dom !== idom[i]) {
      idom[i] = dom;
      changed = true;
    }
  }
}

// Retained sizes: each node's own size plus everything it dominates (children come first in post-order).
const retained = new Float64Array(n);
for (const i of post) retained[i] += nodes[i * NF + nSelf];
for (const i of post) if (i !== 0) retained[idom[i]] += retained[i];

const label = (i) => `${types[nodes[i * NF + nType]]} ${String(strings[nodes[i * NF + nName]]).slice(0, 70)}`;
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(2).padStart(8);
const total = retained[0];
console.log(`${file}: ${n} nodes, ${mb(total).trim()} MB reachable`);
console.log(`\nlargest retainers (retained MB, the object, and its dominators up to a GC root)`);
const synthetic = new Set(['synthetic', 'hidden']);
const top = post
  .filter((i) => i !== 0 && !synthetic.has(types[nodes[i * NF + nType]]))
  .sort((a, b) => retained[b] - retained[a])
  .slice(0, count);
for (const i of top) {
  const path = [];
  for (let d = idom[i]; d !== 0 && path.length < 4; d = idom[d]) path.push(label(d).slice(0, 40));
  console.log(`${mb(retained[i])}  ${label(i)}${path.length ? `  ← ${path.join(' ← ')}` : ''}`);
}

console.log(`\nself size by constructor (MB, count)`);
const byKind = new Map();
for (let i = 0; i < n; i++) {
  if (!seen[i]) continue;
  const type = types[nodes[i * NF + nType]];
  const key = type === 'object' || type === 'closure' || type === 'native' ? label(i) : type;
  const entry = byKind.get(key) ?? { size: 0, count: 0 };
  entry.size += nodes[i * NF + nSelf];
  entry.count++;
  byKind.set(key, entry);
}
for (const [key, { size, count: c }] of [...byKind].sort((a, b) => b[1].size - a[1].size).slice(0, count))
  console.log(`${mb(size)} ${String(c).padStart(8)}  ${key}`);

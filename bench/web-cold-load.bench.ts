import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Bytes a browser downloads on a cold load of the web app (empty cache, first page): index.html, the
 * entry script and stylesheet, and every module Vite preloads for them (lazily loaded routes and the
 * charts chunk are not part of it). Counts what the server sends: the precompressed .br file when the
 * build has one (the browser asks for br), else the file itself. Run after `npm run build:web`:
 * `npm run bench:web`.
 */
function coldLoad(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  const files = ['/index.html', ...new Set(refs)];
  let raw = 0;
  let sent = 0;
  let brotli = 0;
  let gzip = 0;
  const rows = files.map((f) => {
    const path = join(dist, f);
    const body = readFileSync(path);
    const br = existsSync(`${path}.br`) ? statSync(`${path}.br`).size : null;
    raw += body.length;
    sent += br ?? body.length;
    brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    gzip += gzipSync(body, { level: 9 }).length;
    return { file: f, bytes: body.length, sent: br ?? body.length };
  });
  return { files: rows, raw, sent, brotli, gzip };
}

const dist = resolve(process.argv[2] ?? 'apps/web/dist');
const result = coldLoad(dist);
for (const r of result.files) console.log(`${String(r.bytes).padStart(9)} B  ${String(r.sent).padStart(9)} B sent  ${r.file}`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`cold load: ${result.files.length} files, ${kb(result.raw)} uncompressed, ${kb(result.sent)} as served by this build`);
console.log(`(for comparison: ${kb(result.gzip)} if gzip-9, ${kb(result.brotli)} if brotli-11)`);

#!/usr/bin/env node
// Builds what is stale, and only that. `npm start`, `npm run token`, `npm run projections:rebuild` and the
// benches call it instead of `npm run build`, so that with a current build they start at once.
//
//   node tools/build.mjs            server (swc → dist) and web app (vite → apps/web/dist), each when stale
//   node tools/build.mjs --server   server only (the tools and benches need no web app)
//   node tools/build.mjs --force    build both whatever the stamps say (`npm run build` does this too)
//
// A part is current when its stamp file holds the fingerprint of its inputs: every file's path, size and
// modification time under the part's source folders, plus the build configuration and package-lock.json.
// An edited, added, removed or checked-out file changes the fingerprint. A build writes the stamp only
// after it succeeded, so a failed or interrupted build is redone next time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = (name) => join(root, 'node_modules/.bin', name);
const SKIP = new Set(['node_modules', 'dist', '.data', '.cache', 'coverage', 'test-output']);

function walk(dir, out, exclude) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (SKIP.has(entry.name) || exclude?.(path)) continue;
    if (entry.isDirectory()) walk(path, out, exclude);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function fingerprint(inputs, exclude) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const path = join(root, input);
    const files = existsSync(path) && statSync(path).isDirectory() ? walk(path, [], exclude).sort() : [path];
    for (const file of files) {
      const stat = existsSync(file) ? statSync(file) : null;
      hash.update(`${relative(root, file)}\0${stat ? `${stat.size}:${stat.mtimeMs}` : '-'}\n`);
    }
  }
  return hash.digest('hex');
}

const webDir = join(root, 'apps/web');
const PARTS = {
  server: {
    inputs: ['apps', 'libs', 'bench', '.swcrc', 'package-lock.json'],
    exclude: (path) => path.startsWith(webDir),
    stamp: join(root, 'dist/.build-stamp'),
    build: () =>
      execFileSync(
        bin('swc'),
        [
          'apps',
          'libs',
          'bench',
          '-d',
          'dist',
          '--config-file',
          '.swcrc',
          '--ignore',
          '**/*.spec.ts',
          '--ignore',
          '**/*.int-spec.ts',
          '--ignore',
          'apps/web/**',
          '-q',
        ],
        { cwd: root, stdio: 'inherit' },
      ),
  },
  web: {
    inputs: ['apps/web', 'libs/domain', 'package-lock.json'],
    exclude: (path) => path.startsWith(join(webDir, 'dist')),
    stamp: join(webDir, 'dist/.build-stamp'),
    build: () =>
      execFileSync(bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }),
  },
};

const args = new Set(process.argv.slice(2));
const force = args.has('--force');
const names = args.has('--server') ? ['server'] : ['server', 'web'];
for (const name of names) {
  const part = PARTS[name];
  const before = fingerprint(part.inputs, part.exclude);
  const current = !force && existsSync(part.stamp) && readFileSync(part.stamp, 'utf8').trim() === before;
  if (current) continue;
  try {
    part.build();
  } catch (error) {
    console.error(`构建失败 build of the ${name} failed`);
    process.exit(typeof error?.status === 'number' ? error.status : 1);
  }
  writeFileSync(part.stamp, `${before}\n`);
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = resolve(__dirname, '../../..');
export const SCREENSHOTS = join(ROOT, 'test-output/screenshots');
const WEB = join(ROOT, 'apps/web');

/**
 * Debian's Chromium (installed by .ci/run). Outside CI a missing browser fails loudly with the fix;
 * in CI it is simply required.
 */
export function requireChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const fix = 'apt-get update && apt-get install -y chromium';
  throw new Error(
    process.env.CI
      ? `Chromium not found at ${CHROMIUM} in CI: .ci/run should have run "${fix}"`
      : `Browser tests need Debian's Chromium at ${CHROMIUM}; install it with: ${fix} (or set CHROMIUM_PATH)`,
  );
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const full = join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

/** `npm test` does not run the build, so build the web app here when dist is missing or stale. */
export function ensureWebBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(WEB)) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(WEB, 'vite.config.mts'), '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // Jest sets NODE_ENV=test, which would give React's development build: test what users get.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
}

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Playwright starts every launch on a new, empty --user-data-dir of its own.
  });
}

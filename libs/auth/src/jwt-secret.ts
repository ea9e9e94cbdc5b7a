import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppConfig } from '@app/platform';

export const JWT_SECRET = Symbol('JWT_SECRET');

/**
 * JWT_SECRET when set. In the embedded default a random secret is generated once and kept beside
 * the embedded database, so dev tokens survive restarts; against a real database it must be set.
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.JWKS_URL) return randomBytes(32).toString('hex'); // HS256 unused when a JWKS is configured
  if (!config.embedded) {
    throw new Error(
      'Invalid configuration (配置错误): JWT_SECRET (at least 32 characters) or JWKS_URL must be set when DATABASE_URL is set',
    );
  }
  return devSecret(config.EMBEDDED_PG_DIR);
}

/** Where the embedded default keeps its dev secret: beside the data directory. */
export function devSecretFile(embeddedPgDir: string): string {
  return resolve(dirname(resolve(embeddedPgDir)), 'dev-jwt-secret');
}

/** The dev secret the app made for this data directory, or null when it has made none (never creates one). */
export function existingDevSecret(embeddedPgDir: string): string | null {
  const file = devSecretFile(embeddedPgDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

export function devSecret(embeddedPgDir: string): string {
  const file = devSecretFile(embeddedPgDir);
  const existing = existingDevSecret(embeddedPgDir);
  if (existing) return existing;
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

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

export function devSecret(embeddedPgDir: string): string {
  const file = resolve(dirname(resolve(embeddedPgDir)), 'dev-jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppConfig } from '@app/platform';

/**
 * AES-256-GCM with node:crypto (no library: the platform's OpenSSL binding does authenticated
 * encryption in a few lines, and a wrapper would add a dependency without adding a safeguard).
 * A sealed value is `iv (12 bytes) ‖ tag (16) ‖ ciphertext`; the associated data binds it to where it
 * belongs (a wrapped key to its subject, a value to its id and subject), so rows cannot be swapped.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(
      'Invalid configuration (配置错误): PII_MASTER_KEY must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)',
    );
  }
  return key;
}

/**
 * The master key that wraps every subject's data key: PII_MASTER_KEY when set; in the embedded
 * default one generated once and kept beside the embedded database (`pii-master-key`, mode 0600),
 * like its password; against a real database it must be set.
 */
export function resolveMasterKey(config: AppConfig): Buffer {
  if (config.PII_MASTER_KEY) return parseKey(config.PII_MASTER_KEY);
  if (!config.embedded) {
    throw new Error(
      'Invalid configuration (配置错误): PII_MASTER_KEY (32 bytes, openssl rand -base64 32) must be set when DATABASE_URL is set',
    );
  }
  const file = resolve(dirname(resolve(config.EMBEDDED_PG_DIR)), 'pii-master-key');
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return parseKey(readFileSync(file, 'utf8'));
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

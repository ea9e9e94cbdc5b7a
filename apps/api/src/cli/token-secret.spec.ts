import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '@app/config';
import { ToolRefusal } from './running-app';
import { tokenSecret } from './token-secret';

/** `npm run token` signs with the running app's secret or refuses; it never makes one of its own. */
describe('tokenSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'token-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = (env: Record<string, string>) => validateConfig({ EMBEDDED_PG_DIR: join(dir, 'pg'), ...env });

  it('uses JWT_SECRET when it is set', () => {
    expect(tokenSecret(config({ JWT_SECRET: 'x'.repeat(32) }), 'npm run token')).toBe('x'.repeat(32));
  });

  it('reads the dev secret the app keeps beside its EMBEDDED_PG_DIR', () => {
    writeFileSync(join(dir, 'dev-jwt-secret'), 'the-apps-secret\n');
    expect(tokenSecret(config({}), 'npm run token')).toBe('the-apps-secret');
  });

  it('refuses, and writes nothing, where the app never ran with these settings', () => {
    mkdirSync(join(dir, 'pg'));
    expect(() => tokenSecret(config({}), 'npm run token -- --role admin')).toThrow(ToolRefusal);
    expect(() => tokenSecret(config({}), 'npm run token -- --role admin')).toThrow(/未找到开发签名密钥.*不会自行生成密钥/s);
    expect(existsSync(join(dir, 'dev-jwt-secret'))).toBe(false);
  });

  it('refuses with DATABASE_URL but no JWT_SECRET, and with JWKS_URL (tokens come from the identity provider)', () => {
    expect(() => tokenSecret(config({ DATABASE_URL: 'postgres://u@db:5432/app' }), 'npm run token')).toThrow(/JWT_SECRET/);
    expect(() => tokenSecret(config({ JWKS_URL: 'https://idp.example/jwks' }), 'npm run token')).toThrow(/JWKS_URL/);
  });
});

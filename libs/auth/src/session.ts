import { createHash, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * The web app's sign-in: the bearer token kept in an httpOnly cookie the page's scripts cannot read,
 * so an injected script cannot carry it away (docs/security.md). A request authenticated by the
 * cookie must also prove it comes from the app's own pages: unsafe methods carry the CSRF token in a
 * header, which another site can neither read nor set.
 */
export const SESSION_COOKIE = 'mdj_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Path of the session cookie: every API route, nothing else. */
export const SESSION_COOKIE_PATH = '/api';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: a hash of its bearer token. Derived, so any API process can check it
 * without shared state; bound to the session, so a token planted from elsewhere fails; one-way, so a
 * script that reads it learns nothing of the session token.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update('mdj-eco csrf\0').update(sessionToken).digest('base64url');
}

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function csrfTokenMatches(sessionToken: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface CredentialRequest {
  headers: Record<string, string | string[] | undefined>;
}

export interface Credentials {
  token: string;
  via: 'bearer' | 'cookie';
}

/** The bearer token of the Authorization header, else the session cookie's; null without either. */
export function credentialsOf(request: CredentialRequest): Credentials | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) {
    return { token: header.startsWith('Bearer ') ? header.slice(7).trim() : '', via: 'bearer' };
  }
  const cookieHeader = request.headers.cookie;
  const cookie = typeof cookieHeader === 'string' ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * The Set-Cookie value of a session: httpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), API paths only, Secure over HTTPS; maxAge 0 clears it.
 */
export function sessionSetCookie(token: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'strict',
    path: SESSION_COOKIE_PATH,
    secure: options.secure,
    maxAge: Math.max(0, Math.floor(options.maxAgeSeconds)),
  });
}

import { credentialsOf, csrfTokenFor, csrfTokenMatches, sessionSetCookie } from './session';

describe('web session helpers', () => {
  it('prefers the Authorization header, else reads the session cookie', () => {
    expect(credentialsOf({ headers: { authorization: 'Bearer abc', cookie: 'mdj_session=def' } })).toEqual({ token: 'abc', via: 'bearer' });
    expect(credentialsOf({ headers: { cookie: 'theme=dark; mdj_session=def' } })).toEqual({ token: 'def', via: 'cookie' });
    expect(credentialsOf({ headers: { authorization: 'Basic xyz' } })).toEqual({ token: '', via: 'bearer' });
    expect(credentialsOf({ headers: {} })).toBeNull();
  });

  it('binds the CSRF token to the session token and reveals nothing of it', () => {
    const csrf = csrfTokenFor('token-one');
    expect(csrf).not.toContain('token-one');
    expect(csrfTokenMatches('token-one', csrf)).toBe(true);
    expect(csrfTokenMatches('token-two', csrf)).toBe(false);
    expect(csrfTokenMatches('token-one', undefined)).toBe(false);
    expect(csrfTokenMatches('token-one', `${csrf}x`)).toBe(false);
  });

  it('sets an httpOnly, SameSite=Strict cookie on the API paths only', () => {
    const header = sessionSetCookie('abc', { maxAgeSeconds: 3600.7, secure: true });
    expect(header).toMatch(/^mdj_session=abc;/);
    expect(header).toMatch(/Max-Age=3600/);
    expect(header).toMatch(/Path=\/api/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/SameSite=Strict/);
  });
});

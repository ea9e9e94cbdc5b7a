import { SignJWT } from 'jose';
import type { Role } from './auth.types';

export const DEFAULT_TOKEN_LIFETIME = '8h';

/** An HS256 token for the claims (demo users, `npm run token`, tests). No framework here: the token tool loads only this. */
export async function signToken(
  secret: string,
  claims: { userId: string; displayName: string; roles: Role[]; department?: string | null },
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ name: claims.displayName, roles: claims.roles, department: claims.department ?? null })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? DEFAULT_TOKEN_LIFETIME);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

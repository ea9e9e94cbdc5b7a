import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppConfig } from '@app/platform';
import { ROLES, type Actor, type Role, type TokenClaims } from './auth.types';
import { JWT_SECRET } from './jwt-secret';

export class InvalidToken extends Error {}

const VERIFIED_MAX = 10_000;
const VERIFIED_TTL_MS = 5 * 60_000;

/**
 * Bearer tokens: HS256 with the configured secret, or RS256/ES256 against a JWKS URL when one is
 * configured (a real identity provider). Either way the claims map to the same Actor.
 */
@Injectable()
export class TokenVerifier {
  // A KeyObject made once: handing jose raw bytes makes it import a WebCrypto key on every request
  // (about a tenth of the CPU of an authenticated request in the HTTP benchmark's profile).
  private readonly secret: KeyObject;
  private readonly jwks: JWTVerifyGetKey | null;
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();

  constructor(
    private readonly config: AppConfig,
    @Inject(JWT_SECRET) secret: string,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
    this.jwks = config.JWKS_URL ? createRemoteJWKSet(new URL(config.JWKS_URL)) : null;
  }

  async verify(token: string): Promise<Actor> {
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.actor;
    return this.verifyUncached(token);
  }

  private async verifyUncached(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      const options = { issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256'] })).payload
        : (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
    } catch (error) {
      throw new InvalidToken((error as Error).message);
    }
    const actor = toActor(payload as JWTPayload & TokenClaims);
    // A token's signature and claims do not change: remember the result until it expires (at most
    // VERIFIED_TTL_MS, so a JWKS key rotation is picked up), which spares jose's per-call key import.
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
    const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity;
    this.verified.set(token, { actor, expiresAt: Math.min(exp, Date.now() + VERIFIED_TTL_MS) });
    return actor;
  }
}

export function toActor(claims: TokenClaims): Actor {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidToken('token has no subject (sub)');
  const roles = (Array.isArray(claims.roles) ? claims.roles : []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return {
    userId: claims.sub,
    displayName: typeof claims.name === 'string' && claims.name ? claims.name : claims.sub,
    roles,
    department: typeof claims.department === 'string' && claims.department ? claims.department : null,
  };
}

export async function signToken(
  secret: string,
  claims: { userId: string; displayName: string; roles: Role[]; department?: string | null },
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ name: claims.displayName, roles: claims.roles, department: claims.department ?? null })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '30d');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

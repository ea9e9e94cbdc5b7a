import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '@app/platform';
import { ROLES, type Actor, type Role, type TokenClaims } from './auth.types';
import { JWT_SECRET } from './jwt-secret';
export { DEFAULT_TOKEN_LIFETIME, signToken } from './sign-token';

export class InvalidToken extends Error {}

export interface VerifiedToken {
  actor: Actor;
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
}

const VERIFIED_MAX = 10_000;
/** Lifetime of the tokens this code signs (demo users, `npm run token`), within TOKEN_MAX_AGE_SECONDS. */
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
  private readonly verified = new LRUCache<string, VerifiedToken & { cachedUntil: number }>({ max: VERIFIED_MAX });

  constructor(
    private readonly config: AppConfig,
    @Inject(JWT_SECRET) secret: string,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
    this.jwks = config.JWKS_URL ? createRemoteJWKSet(new URL(config.JWKS_URL)) : null;
  }

  async verify(token: string): Promise<Actor> {
    return (await this.verifyToken(token)).actor;
  }

  /** The actor and the instant (ms) the token stops being accepted: its exp, or iat + the maximum age. */
  async verifyToken(token: string): Promise<VerifiedToken> {
    const cached = this.verified.get(token);
    if (cached && cached.cachedUntil > Date.now()) return cached;
    return this.verifyUncached(token);
  }

  private async verifyUncached(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      const options = {
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        // A token without an expiry would be valid forever; one older than the maximum age is refused
        // whatever its own expiry says.
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: this.config.TOKEN_MAX_AGE_SECONDS,
      };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256'] })).payload
        : (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
    } catch (error) {
      throw new InvalidToken((error as Error).message);
    }
    const lifetime = (payload.exp as number) - (payload.iat as number);
    if (lifetime > this.config.TOKEN_MAX_AGE_SECONDS) {
      throw new InvalidToken(`token lifetime ${lifetime} s exceeds the maximum of ${this.config.TOKEN_MAX_AGE_SECONDS} s`);
    }
    const actor = toActor(payload as JWTPayload & TokenClaims);
    // A token's signature and claims do not change: remember the result until it expires (at most
    // VERIFIED_TTL_MS, so a JWKS key rotation is picked up), which spares jose's per-call key import.
    const expiresAt = Math.min((payload.exp as number) * 1000, ((payload.iat as number) + this.config.TOKEN_MAX_AGE_SECONDS) * 1000);
    this.verified.set(token, { actor, expiresAt, cachedUntil: Math.min(expiresAt, Date.now() + VERIFIED_TTL_MS) });
    return { actor, expiresAt };
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

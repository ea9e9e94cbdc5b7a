import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppConfig } from '@app/platform';
import { ROLES, type Actor, type Role, type TokenClaims } from './auth.types';
import { JWT_SECRET } from './jwt-secret';

export class InvalidToken extends Error {}

/**
 * Bearer tokens: HS256 with the configured secret, or RS256/ES256 against a JWKS URL when one is
 * configured (a real identity provider). Either way the claims map to the same Actor.
 */
@Injectable()
export class TokenVerifier {
  private readonly secret: Uint8Array;
  private readonly jwks: JWTVerifyGetKey | null;

  constructor(
    private readonly config: AppConfig,
    @Inject(JWT_SECRET) secret: string,
  ) {
    this.secret = new TextEncoder().encode(secret);
    this.jwks = config.JWKS_URL ? createRemoteJWKSet(new URL(config.JWKS_URL)) : null;
  }

  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      const options = { issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256'] })).payload
        : (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
    } catch (error) {
      throw new InvalidToken((error as Error).message);
    }
    return toActor(payload as JWTPayload & TokenClaims);
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

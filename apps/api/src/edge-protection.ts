import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { credentialsOf, TokenVerifier } from '@app/auth';
import { AppConfig, ProblemException } from '@app/platform';

/**
 * The Content-Security-Policy of every answer. Scripts only from this origin (no inline script, no
 * eval), no plugins, no framing. Styles allow 'unsafe-inline' because Ant Design and ECharts set
 * styles at run time; a style cannot run script (docs/security.md).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // blob: for evidence files: fetched with the session, a PDF previewed from its blob in a frame.
  connectSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  frameSrc: ["'self'", 'blob:'],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/** Rate-limit key: the verified user when the request carries a valid token, else the client address. */
async function rateLimitKey(verifier: TokenVerifier, request: FastifyRequest): Promise<string> {
  const credentials = credentialsOf(request);
  if (credentials?.token) {
    try {
      return `user:${(await verifier.verifyToken(credentials.token)).actor.userId}`;
    } catch {
      // An invalid token counts against the address it came from.
    }
  }
  return `ip:${request.ip}`;
}

/**
 * Security headers and rate limits, registered on Fastify before the
 * routes so that they cover every route, the web app's files and the API docs included. The limit runs
 * in `onRequest`, before a body is read: per signed-in user, and per client address for requests
 * without a valid token (sign-in, docs, health, the AsyncAPI document, bad tokens).
 */
export async function registerEdgeProtection(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const verifier = app.get(TokenVerifier);
  // Helmet's middleware, built once. (@fastify/helmet, used before, builds it again for every request:
  // parsing the policy's directives was 2.5 % of the API's CPU under the HTTP bench.)
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Plain HTTP on a city intranet is common: upgrading would break it; HSTS only matters over HTTPS.
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  const limitOf = (key: string) => (key.startsWith('user:') ? config.RATE_LIMIT_USER_PER_MINUTE : config.RATE_LIMIT_IP_PER_MINUTE);
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: 60_000,
    keyGenerator: (request) => rateLimitKey(verifier, request),
    max: (_request, key) => limitOf(key),
    allowList: (_request, key) => limitOf(key) === 0,
    errorResponseBuilder: (_request, context) =>
      new ProblemException(
        429,
        'RATE_LIMITED',
        'Too Many Requests',
        `请求过于频繁：每分钟最多 ${context.max} 次，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后重试`,
        { retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)) },
      ),
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor, sessionSetCookie, type Actor } from '@app/auth';
import { roleLabels } from '@app/domain';

export interface SessionView {
  user: { userId: string; displayName: string; roles: string[]; roleLabel: string; department: string | null };
  /** Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE made with the session cookie. */
  csrfToken: string;
  /** ISO instant at which the session ends (the token's expiry or maximum age). */
  expiresAt: string;
}

export function sessionView(actor: Actor, token: string, expiresAt: number): SessionView {
  return {
    user: {
      userId: actor.userId,
      displayName: actor.displayName,
      roles: actor.roles,
      roleLabel: actor.roles.map((r) => roleLabels[r]).join('、'),
      department: actor.department,
    },
    csrfToken: csrfTokenFor(token),
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number): void {
  void reply.header(
    'set-cookie',
    sessionSetCookie(token, { maxAgeSeconds: (expiresAt - Date.now()) / 1000, secure: request.protocol === 'https' }),
  );
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', sessionSetCookie('', { maxAgeSeconds: 0, secure: request.protocol === 'https' }));
}

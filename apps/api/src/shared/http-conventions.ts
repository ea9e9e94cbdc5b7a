import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMeta } from '@app/commands';
import type { Actor } from '@app/domain';
import { ProblemException } from '@app/platform';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  id?: string;
  actor?: Actor;
}

/** If-Match: "<version>" (or W/"<version>", or a bare number) → the version; absent or * → undefined. */
export function parseIfMatch(raw: string | string[] | undefined): number | undefined {
  if (raw === undefined || raw === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(raw).trim());
  if (!match) {
    throw new ProblemException(400, 'BAD_IF_MATCH', 'Bad Request', `If-Match 头格式不正确（应为版本号，如 "3"），收到：${String(raw)}`);
  }
  return Number(match[1]);
}

/** Who sends the command (the verified token's actor), the version they saw (If-Match) and the request id. */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandMeta => {
  const req = ctx.switchToHttp().getRequest<Req>();
  if (!req.actor) throw new ProblemException(401, 'UNAUTHORIZED', 'Unauthorized', '未登录：请在 Authorization 头中提供有效的 Bearer 令牌');
  return { actor: req.actor, ifMatch: parseIfMatch(req.headers['if-match']), requestId: req.id };
});

export function etag(version: number): string {
  return `"${version}"`;
}

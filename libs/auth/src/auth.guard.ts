import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@app/platform';
import type { Actor, Role } from './auth.types';
import { InvalidToken, TokenVerifier } from './token-verifier';

const PUBLIC = 'auth:public';
const ROLES_KEY = 'auth:roles';

/** Open endpoint: health, API docs, the web UI's static files. */
export const Public = () => SetMetadata(PUBLIC, true);
/** Roles allowed to call the endpoint (any of them); object-level checks come after, in the handler. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthRequest>().actor;
  if (!actor) throw unauthorized('未登录');
  return actor;
});

function unauthorized(detail: string): ProblemException {
  return new ProblemException(401, 'UNAUTHORIZED', 'Unauthorized', `${detail}：请在 Authorization 头中提供有效的 Bearer 令牌`);
}

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) throw unauthorized('缺少登录凭证');
    try {
      request.actor = await this.verifier.verify(header.slice(7).trim());
    } catch (error) {
      if (error instanceof InvalidToken) throw unauthorized(`登录凭证无效（${error.message}）`);
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !allowed.some((r) => request.actor?.roles.includes(r))) {
      throw new ProblemException(
        403,
        'ROLE_NOT_PERMITTED',
        'Forbidden',
        `您的角色（${request.actor.roles.join('、') || '无'}）无权执行此操作，需要以下角色之一：${allowed.join('、')}`,
        { requiredRoles: allowed },
      );
    }
    return true;
  }
}

import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { roleLabels } from '@app/domain';
import { ProblemException } from '@app/platform';
import { ROLES, type Actor, type Role } from './auth.types';
import { credentialsOf, csrfTokenMatches, CSRF_HEADER, isSafeMethod, type CredentialRequest } from './session';
import { InvalidToken, TokenVerifier } from './token-verifier';

const PUBLIC = 'auth:public';
const ROLES_KEY = 'auth:roles';

/**
 * Open endpoint: health, API docs, the AsyncAPI document, sign-in. Shown in the OpenAPI document as
 * `x-public: true` (and `x-roles: []`, so a class-level @Roles does not claim it).
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC, true), ApiExtension('x-public', true), ApiExtension('x-roles', []));

/**
 * Roles allowed to call the endpoint (any of them); object-level checks come after, in the handler.
 * Every non-public route must carry it (on the method or its controller): the guard refuses routes
 * without it. The same list is published in the OpenAPI document as `x-roles`.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

/** Any signed-in user with a recognised role: reads open to the integrator as much as to people. */
export const AnyRole = () => Roles(...ROLES);

export interface AuthRequest extends CredentialRequest {
  method: string;
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthRequest>().actor;
  if (!actor) throw unauthorized('未登录');
  return actor;
});

function unauthorized(detail: string): ProblemException {
  return new ProblemException(401, 'UNAUTHORIZED', 'Unauthorized', `${detail}：请在 Authorization 头中提供有效的 Bearer 令牌，或重新登录`);
}

/**
 * Global guard, deny by default: a route is open only when marked @Public(); every other route needs
 * a valid token (bearer, or the web app's session cookie plus its CSRF header on unsafe methods), a
 * role the API knows, and one of the roles its @Roles() names. A route that names none is refused.
 */
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
    request.actor = await authorizeRequest(
      this.verifier,
      request,
      this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    );
    return true;
  }
}

/**
 * The guard's check, for the few places that must run it before Nest does (the import route checks
 * the caller before its body is read). Returns the actor; throws 401/403 problems. The actor is also
 * left on the request as soon as the token is verified, so that a refusal is logged with its user.
 */
export async function authorizeRequest(
  verifier: TokenVerifier,
  request: AuthRequest,
  allowed: readonly Role[] | undefined,
): Promise<Actor> {
  const credentials = credentialsOf(request);
  if (!credentials?.token) throw unauthorized('缺少登录凭证');
  let actor: Actor;
  try {
    actor = await verifier.verify(credentials.token);
  } catch (error) {
    if (error instanceof InvalidToken) throw unauthorized(`登录凭证无效（${error.message}）`);
    throw error;
  }
  request.actor = actor;
  if (credentials.via === 'cookie' && !isSafeMethod(request.method) && !csrfTokenMatches(credentials.token, request.headers[CSRF_HEADER])) {
    throw new ProblemException(
      403,
      'CSRF_TOKEN_INVALID',
      'Forbidden',
      '请求缺少有效的防跨站令牌（X-CSRF-Token），请刷新页面后重试；若仍失败，请重新登录',
    );
  }
  if (actor.roles.length === 0) {
    throw new ProblemException(
      403,
      'NO_RECOGNISED_ROLE',
      'Forbidden',
      '您的登录凭证中没有本系统认可的角色（项目负责人、督察整改办、领导小组、对接系统、系统管理员），请联系管理员开通权限',
    );
  }
  if (!allowed || allowed.length === 0) {
    throw new ProblemException(403, 'NO_ROLE_POLICY', 'Forbidden', '该接口未声明可访问的角色，按默认拒绝处理；请联系运维');
  }
  if (!allowed.some((r) => actor.roles.includes(r))) {
    throw new ProblemException(
      403,
      'ROLE_NOT_PERMITTED',
      'Forbidden',
      `您的角色（${actor.roles.map((r) => roleLabels[r]).join('、')}）无权执行此操作，需要以下角色之一：${allowed.map((r) => roleLabels[r]).join('、')}`,
      { requiredRoles: allowed },
    );
  }
  return actor;
}

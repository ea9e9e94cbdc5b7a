import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsJWT, MaxLength } from 'class-validator';
import { AnyRole, credentialsOf, InvalidToken, Public, TokenVerifier } from '@app/auth';
import { ProblemException } from '@app/platform';
import { clearSessionCookie, sessionView, setSessionCookie, type SessionView } from './session-cookie';
import { ApiView } from '../openapi/api-view.decorator';

export class SignInDto {
  @ApiProperty({ description: '身份认证系统签发的 Bearer 令牌（JWT）' })
  @IsJWT()
  @MaxLength(8192)
  token!: string;
}

export function noRecognisedRole(): ProblemException {
  return new ProblemException(
    403,
    'NO_RECOGNISED_ROLE',
    'Forbidden',
    '该令牌中没有本系统认可的角色（项目负责人、督察整改办、领导小组、对接系统、系统管理员），请联系管理员开通权限',
  );
}

/**
 * The web app's session: a token handed over once is kept in an httpOnly cookie, so no script of the
 * page can read it; the answer carries the CSRF token the app sends back on unsafe requests.
 * Integrations keep sending `Authorization: Bearer` and need none of this.
 */
@ApiTags('auth 登录')
@Controller('api/v1/auth/session')
export class SessionController {
  constructor(private readonly verifier: TokenVerifier) {}

  @Post()
  @ApiView('SessionView')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: '以令牌登录网页端（设置 httpOnly 会话 Cookie）',
    description: '校验令牌后写入 httpOnly、SameSite=Strict 的会话 Cookie；返回用户信息与 csrfToken（此后的写操作须带 X-CSRF-Token 头）。',
  })
  async signIn(
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    let verified;
    try {
      verified = await this.verifier.verifyToken(body.token);
    } catch (error) {
      if (error instanceof InvalidToken) {
        throw new ProblemException(401, 'UNAUTHORIZED', 'Unauthorized', `令牌无效（${error.message}），请重新获取令牌后登录`);
      }
      throw error;
    }
    if (verified.actor.roles.length === 0) throw noRecognisedRole();
    setSessionCookie(request, reply, body.token, verified.expiresAt);
    return sessionView(verified.actor, body.token, verified.expiresAt);
  }

  @Get()
  @ApiView('SessionView')
  @AnyRole()
  @ApiOperation({ summary: '当前会话', description: '网页端刷新后取回当前用户和 csrfToken。' })
  async current(@Req() request: FastifyRequest): Promise<SessionView> {
    const token = credentialsOf(request)?.token as string;
    const verified = await this.verifier.verifyToken(token);
    return sessionView(verified.actor, token, verified.expiresAt);
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录（清除会话 Cookie）' })
  @ApiNoContentResponse()
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    clearSessionCookie(request, reply);
  }
}

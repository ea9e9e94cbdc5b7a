import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsString, MaxLength } from 'class-validator';
import { JWT_SECRET, Public, signToken, TokenVerifier } from '@app/auth';
import { DEPARTMENTS, roleLabels } from '@app/domain';
import { AppConfig, ProblemException } from '@app/platform';
import { DEMO_USERS } from '../dev-tokens';
import { isLoopbackClient } from './loopback';
import { sessionView, setSessionCookie, type SessionView } from './session-cookie';
import { ApiView } from '../openapi/api-view.decorator';

export interface DemoUser {
  userId: string;
  displayName: string;
  roles: string[];
  roleLabel: string;
  department: string | null;
  departmentName: string | null;
}

export class DemoSignInDto {
  @ApiProperty({ description: '演示用户编号（见 GET /api/v1/auth/demo-users）', example: 'demo-leader' })
  @IsString()
  @MaxLength(100)
  userId!: string;
}

/**
 * The sign-in picker of the web UI: one demo user per role. Only in the embedded default with
 * DEMO_USERS not turned off, and only for a browser on this machine; everyone else gets 404, as if
 * the route did not exist. The list carries no tokens: signing in as a demo user sets the session
 * cookie directly.
 */
@ApiTags('auth 登录')
@Controller('api/v1/auth')
export class DemoUsersController {
  constructor(
    private readonly config: AppConfig,
    private readonly verifier: TokenVerifier,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  @Get('demo-users')
  @ApiView('DemoUserList')
  @Public()
  @ApiOperation({
    summary: '演示用户（仅本机访问内置数据库的默认模式）',
    description:
      '每个角色一个演示用户，供网页端“选择演示用户”登录。仅在未设置 DATABASE_URL、未关闭 DEMO_USERS 且请求来自本机时提供，否则返回 404。',
  })
  list(@Req() request: FastifyRequest): { items: DemoUser[] } {
    this.assertAvailable(request);
    return {
      items: DEMO_USERS.map((user) => ({
        userId: user.userId,
        displayName: user.displayName,
        roles: user.roles,
        roleLabel: user.roles.map((r) => roleLabels[r]).join('、'),
        department: user.department,
        departmentName: DEPARTMENTS.find((d) => d.id === user.department)?.nameZh ?? null,
      })),
    };
  }

  @Post('demo-session')
  @ApiView('SessionView')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '以演示用户登录网页端（设置会话 Cookie；条件同上）' })
  async signIn(
    @Body() body: DemoSignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    this.assertAvailable(request);
    const user = DEMO_USERS.find((u) => u.userId === body.userId);
    if (!user) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `没有编号为“${body.userId}”的演示用户，请从登录页的列表中选择`);
    const token = await signToken(this.secret, user, { issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE });
    const verified = await this.verifier.verifyToken(token);
    setSessionCookie(request, reply, token, verified.expiresAt);
    return sessionView(verified.actor, token, verified.expiresAt);
  }

  private assertAvailable(request: FastifyRequest): void {
    if (!this.config.demoUsersEnabled || !isLoopbackClient(request)) {
      throw new ProblemException(
        404,
        'NOT_FOUND',
        'Not Found',
        '演示用户仅在本机访问本地默认模式（内置数据库）时提供，请粘贴身份认证系统签发的令牌登录',
      );
    }
  }
}

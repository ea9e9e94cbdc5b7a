import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JWT_SECRET, Public, signToken } from '@app/auth';
import { roleLabels } from '@app/domain';
import { AppConfig, ProblemException } from '@app/platform';
import { SEED_DEPARTMENTS } from '@app/seed';
import { DEMO_USERS } from '../dev-tokens';

export interface DemoUser {
  userId: string;
  displayName: string;
  roles: string[];
  roleLabel: string;
  department: string | null;
  departmentName: string | null;
  token: string;
}

/** The sign-in picker of the web UI: one demo user per role, only in the embedded default. */
@ApiTags('auth 登录')
@Controller('api/v1/auth')
export class DemoUsersController {
  constructor(
    private readonly config: AppConfig,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  @Get('demo-users')
  @Public()
  @ApiOperation({
    summary: '演示用户（仅内置数据库的本地默认模式）',
    description: '每个角色一个演示用户及其签名令牌，供网页端“选择演示用户”登录；连接真实数据库（设置 DATABASE_URL）时返回 404。',
  })
  async list(): Promise<{ items: DemoUser[] }> {
    if (!this.config.embedded) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not Found', '演示用户仅在本地默认模式（内置数据库）下提供，请粘贴令牌登录');
    }
    const items: DemoUser[] = [];
    for (const user of DEMO_USERS) {
      items.push({
        userId: user.userId,
        displayName: user.displayName,
        roles: user.roles,
        roleLabel: user.roles.map((r) => roleLabels[r]).join('、'),
        department: user.department,
        departmentName: SEED_DEPARTMENTS.find((d) => d.id === user.department)?.nameZh ?? null,
        token: await signToken(this.secret, user, { issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE }),
      });
    }
    return { items };
  }
}

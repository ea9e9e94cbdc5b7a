import type { INestApplication } from '@nestjs/common';
import { JWT_SECRET, signToken, type Role } from '@app/auth';

/** Demo users of the embedded default, one per role; their tokens are printed at start. */
export const DEMO_USERS: Array<{ userId: string; displayName: string; roles: Role[]; department: string | null }> = [
  // 宁安市 leads seeded plan projects (ZL7-4, DC-02, DC-03) and sample orders, so its lead has work to do.
  { userId: 'demo-lead-ningan', displayName: '宁安市 项目负责人（演示）', roles: ['project-lead'], department: 'ning-an-city' },
  {
    userId: 'demo-supervision',
    displayName: '督察整改办 工作人员（演示）',
    roles: ['supervision-office'],
    department: 'supervision-office',
  },
  { userId: 'demo-leader', displayName: '领导小组 成员（演示）', roles: ['leadership'], department: null },
  { userId: 'demo-integrator', displayName: '对接系统（演示）', roles: ['integrator'], department: null },
  { userId: 'demo-admin', displayName: '系统管理员（演示）', roles: ['admin'], department: null },
];

export async function printDevTokens(app: INestApplication): Promise<void> {
  const secret = app.get<string>(JWT_SECRET);
  const lines = ['', '演示令牌 / demo bearer tokens (embedded default only; DEMO_USERS=false turns them off):'];
  for (const user of DEMO_USERS) {
    lines.push(`  ${user.roles[0].padEnd(18)} ${user.displayName}`, `    ${await signToken(secret, user)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

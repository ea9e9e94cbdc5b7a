import { parseArgs } from 'node:util';
import { ROLES, devSecretFile, existingDevSecret, signToken, type Role } from '@app/auth-tools';
import { ConfigValidationError, validateConfig, type AppConfig } from '@app/config';
import { embeddedClusterMissing, refusalHint, ToolRefusal } from './running-app';

const USAGE = `npm run token -- --role <${ROLES.join('|')}> [--department <id>] [--user <id>] [--name <姓名>]`;

/**
 * The secret the app checks tokens with, found from the same settings as the app's: JWT_SECRET when
 * set, else (embedded default) the dev secret the app keeps beside EMBEDDED_PG_DIR. Never makes one:
 * a secret this tool made itself would sign tokens the app refuses.
 */
function secretOf(config: AppConfig, command: string): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.JWKS_URL) {
    throw new ToolRefusal(
      `已设置 JWKS_URL：应用只接受身份认证系统签发的令牌，本工具无法签发。\n请向身份认证系统申请令牌，或在测试环境中为应用和本工具设置相同的 JWT_SECRET。`,
    );
  }
  if (!config.embedded) {
    throw new ToolRefusal(`已设置 DATABASE_URL 但未设置 JWT_SECRET：请设置与应用相同的 JWT_SECRET 后再运行：\n  JWT_SECRET=… ${command}`);
  }
  const secret = existingDevSecret(config.EMBEDDED_PG_DIR);
  if (secret) return secret;
  const cluster = embeddedClusterMissing(config);
  throw new ToolRefusal(
    `未找到开发签名密钥 ${devSecretFile(config.EMBEDDED_PG_DIR)}：应用从未以 EMBEDDED_PG_DIR=${config.EMBEDDED_PG_DIR} 启动过` +
      `${cluster ? `（${cluster} 中也没有数据库）` : ''}。本工具不会自行生成密钥，否则签出的令牌会被应用拒绝（401）。\n` +
      refusalHint(config, command),
  );
}

/**
 * `npm run token -- --role <role> [--department <id>] [--user <id>] [--name <display name>]` prints a
 * token signed with the running app's secret as its last line (see secretOf); it refuses, exit code 2,
 * where it cannot find that secret.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      department: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    console.error(`用法 usage: ${USAGE}`);
    return 2;
  }
  const config = validateConfig(process.env);
  const command = `npm run token -- ${process.argv.slice(2).join(' ')}`;
  const secret = secretOf(config, command);
  const userId = values.user ?? `dev-${role}`;
  const token = await signToken(
    secret,
    { userId, displayName: values.name ?? userId, roles: [role], department: values.department ?? null },
    { expiresIn: values.expires, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  );
  console.error(`role=${role} department=${values.department ?? '-'} user=${userId}`);
  console.log(token);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ToolRefusal) {
      console.error(`拒绝签发 refused: ${error.message}`);
      process.exit(2);
    }
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(1);
  },
);

import { devSecretFile, existingDevSecret } from '@app/auth-tools';
import type { AppConfig } from '@app/config';
import { embeddedClusterMissing, refusalHint, ToolRefusal } from './running-app';

/**
 * The secret the app checks tokens with, found from the same settings as the app's: JWT_SECRET when
 * set, else (embedded default) the dev secret the app keeps beside EMBEDDED_PG_DIR. Never makes one:
 * a secret this tool made itself would sign tokens the app refuses.
 */
export function tokenSecret(config: AppConfig, command: string): string {
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

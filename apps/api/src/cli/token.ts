import { parseArgs } from 'node:util';
import { ROLES, signToken, type Role } from '@app/auth-tools';
import { ConfigValidationError, validateConfig } from '@app/config';
import { ToolRefusal } from './running-app';
import { tokenSecret } from './token-secret';

const USAGE = `npm run token -- --role <${ROLES.join('|')}> [--department <id>] [--user <id>] [--name <姓名>]`;

/**
 * `npm run token -- --role <role> [--department <id>] [--user <id>] [--name <display name>]` prints a
 * token signed with the running app's secret as its last line (see tokenSecret); it refuses, exit code 2,
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
  const secret = tokenSecret(config, command);
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

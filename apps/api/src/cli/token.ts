import { parseArgs } from 'node:util';
import { ROLES, devSecret, signToken, type Role } from '@app/auth';
import { validateConfig } from '@app/platform';

/**
 * `npm run token -- --role <role> [--department <id>] [--user <id>] [--name <display name>]`
 * prints a signed token as its last line: with JWT_SECRET when set, else the embedded default's
 * dev secret (the one `npm start` uses).
 */
async function main(): Promise<void> {
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
    console.error(`用法 usage: npm run token -- --role <${ROLES.join('|')}> [--department <id>] [--user <id>] [--name <姓名>]`);
    process.exit(2);
  }
  const config = validateConfig(process.env);
  const secret = config.JWT_SECRET ?? devSecret(config.EMBEDDED_PG_DIR);
  const userId = values.user ?? `dev-${role}`;
  const token = await signToken(
    secret,
    { userId, displayName: values.name ?? userId, roles: [role], department: values.department ?? null },
    { expiresIn: values.expires, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  );
  console.error(`role=${role} department=${values.department ?? '-'} user=${userId}`);
  console.log(token);
}

void main();

/**
 * The second entry of libs/auth (`@app/auth-tools`): what `npm run token` needs and nothing that
 * loads NestJS, so that the tool answers in a fraction of a second (issue 18, part 7).
 */
export { ROLES } from './auth.types';
export type { Role } from './auth.types';
export { devSecretFile, existingDevSecret } from './jwt-secret';
export { signToken } from './sign-token';

import type { Actor, Role } from '@app/domain';

export type { Actor, Role };
export const ROLES: readonly Role[] = ['project-lead', 'supervision-office', 'leadership', 'integrator', 'admin', 'assessor'];

/** The claims a bearer token carries (ours and a real identity provider's, mapped the same way). */
export interface TokenClaims {
  sub: string;
  name?: string;
  roles?: string[];
  department?: string | null;
}

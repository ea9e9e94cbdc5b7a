export type Role = 'project-lead' | 'supervision-office' | 'leadership' | 'integrator' | 'admin' | 'assessor';

export const roles: readonly Role[] = ['project-lead', 'supervision-office', 'leadership', 'integrator', 'admin', 'assessor'];

export interface Actor {
  userId: string;
  displayName: string;
  roles: Role[];
  /** The department a project-lead is scoped to; null for city-wide roles. */
  department: string | null;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

export const roles = ['coach', 'manager', 'evaluator', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, from a verified bearer token. */
export interface Principal {
  readonly userId: string;
  readonly role: Role;
  /** Coaches and site managers are bound to one site; national roles have none. */
  readonly site: string | undefined;
  readonly organisation: string;
}

/** Roles whose reach is one site. */
export const siteBound = (role: Role): boolean => role === 'coach' || role === 'manager';

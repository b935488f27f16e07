export const ROLES = ['analyst', 'licensing_officer', 'verification_officer', 'agency_admin', 'hub_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, from a verified token. Built once per request by the identity step; nothing else invents a caller. */
export interface Caller {
  readonly agencyId: string;
  readonly userId: string;
  readonly roles: readonly Role[];
}

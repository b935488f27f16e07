import { isUuid } from '../../lib/ids.ts';

export interface LicensePartyKey {
  readonly applicationId: string;
  readonly position: number;
}

/**
 * A license party's id: its application and its position there. Parties are written with the
 * draft and never change, so the pair names one party for good.
 */
export const licensePartyId = (party: LicensePartyKey): string => `${party.applicationId}:${party.position}`;

/** The key an id names, or null when it cannot name a party. */
export function parseLicensePartyId(id: string): LicensePartyKey | null {
  const match = /^([^:]+):(0|[1-9]\d{0,3})$/.exec(id);
  if (!match || !isUuid(match[1]!)) return null;
  return { applicationId: match[1]!, position: Number(match[2]) };
}

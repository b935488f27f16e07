/**
 * The human-readable reference of a license application: the owning agency and the first eight
 * hex digits of its id (`DE-BAFA-3E34190F`). Officers quote it on the phone and in letters, so it
 * is read back case-insensitively and with surrounding blanks ignored.
 */

export function formatReference(ownerAgencyId: string, id: string): string {
  return `${ownerAgencyId.toUpperCase()}-${id.slice(0, 8).toUpperCase()}`;
}

/** What a reference names: an owner and the range of ids starting with its eight hex digits. */
export interface ParsedReference {
  ownerAgencyId: string;
  /** The lowest and highest ids the prefix covers, for an index range scan on the primary key. */
  lowestId: string;
  highestId: string;
}

const REFERENCE = /^([a-z0-9][a-z0-9-]*)-([0-9a-f]{8})$/;

/** The owner and id range a reference names, or null when the text cannot be a reference. */
export function parseReference(text: string): ParsedReference | null {
  const match = REFERENCE.exec(text.trim().toLowerCase());
  if (!match) return null;
  const [, ownerAgencyId, prefix] = match as unknown as [string, string, string];
  return { ownerAgencyId, lowestId: `${prefix}-0000-0000-0000-000000000000`, highestId: `${prefix}-ffff-ffff-ffff-ffffffffffff` };
}

/**
 * A designation as its origin signs it (docs/sync.md §3): GraphQL field names, JSON values
 * (dates as ISO 8601 strings, children in their position order), exactly the form
 * `received-designation.ts` reads back at the receiving hub. Only content travels: id, owner and
 * version are in the proof's claims, timestamps and provenance are the receiver's own.
 */
import type {
  DesignationAddressRow,
  DesignationAliasRow,
  DesignationBirthDateRow,
  DesignationIdentifierRow,
  DesignationRow,
} from '../../db/schema/index.ts';
import type { Executor } from '../../db/client.ts';
import { DesignationRepository } from '../designations/designation.repository.ts';

export interface DesignationChildren {
  readonly aliases: readonly DesignationAliasRow[];
  readonly identifiers: readonly DesignationIdentifierRow[];
  readonly addresses: readonly DesignationAddressRow[];
  readonly birthDates: readonly DesignationBirthDateRow[];
}

const NO_CHILDREN: DesignationChildren = { aliases: [], identifiers: [], addresses: [], birthDates: [] };

export function designationValues(row: DesignationRow, children: DesignationChildren = NO_CHILDREN): Record<string, unknown> {
  return {
    subjectType: row.subjectType,
    primaryName: row.primaryName,
    status: row.status,
    marking: row.marking,
    releasableTo: row.releasableTo,
    nationalities: row.nationalities,
    placesOfBirth: row.placesOfBirth,
    programs: row.programs,
    legalBasis: row.legalBasis,
    rationale: row.rationale,
    remarks: row.remarks,
    effectiveFrom: row.effectiveFrom,
    sunsetDate: row.sunsetDate,
    reviewDueDate: row.reviewDueDate,
    delistedAt: row.delistedAt?.toISOString() ?? null,
    delistingReason: row.delistingReason,
    sourceList: row.sourceList,
    sourceReference: row.sourceReference,
    aliases: children.aliases.map((a) => ({ name: a.name, kind: a.kind, strength: a.strength })),
    identifiers: children.identifiers.map((i) => ({ type: i.type, value: i.value, issuingCountry: i.issuingCountry, note: i.note })),
    addresses: children.addresses.map((a) => ({ street: a.street, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country })),
    datesOfBirth: children.birthDates.map((d) => ({ date: d.date, rangeEnd: d.rangeEnd, approximate: d.approximate })),
  };
}

/** The child rows of a page of designations, in four queries. */
export async function designationChildren(db: Executor, ids: readonly string[]): Promise<Map<string, DesignationChildren>> {
  const result = new Map<string, { aliases: DesignationAliasRow[]; identifiers: DesignationIdentifierRow[]; addresses: DesignationAddressRow[]; birthDates: DesignationBirthDateRow[] }>();
  if (ids.length === 0) return result;
  for (const id of ids) result.set(id, { aliases: [], identifiers: [], addresses: [], birthDates: [] });
  const repository = new DesignationRepository(db);
  const [aliases, identifiers, addresses, birthDates] = await Promise.all([
    repository.aliasesOf(ids),
    repository.identifiersOf(ids),
    repository.addressesOf(ids),
    repository.birthDatesOf(ids),
  ]);
  for (const row of aliases) result.get(row.designationId)?.aliases.push(row);
  for (const row of identifiers) result.get(row.designationId)?.identifiers.push(row);
  for (const row of addresses) result.get(row.designationId)?.addresses.push(row);
  for (const row of birthDates) result.get(row.designationId)?.birthDates.push(row);
  return result;
}

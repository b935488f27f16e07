import { createHash } from 'node:crypto';
import { canonicalJson } from '../../db/idempotency.ts';
import type { Marking } from '../../db/schema/index.ts';
import { isValidImoNumber, isValidMmsi } from '../../lib/identifiers.ts';
import { partialDateBounds } from '../../lib/partial-dates.ts';
import type { CreateDesignationInput } from '../designations/designation.types.ts';
import { LIMITS, validateCreate, type DesignationContent } from '../designations/designation.validation.ts';
import type { ImportedEntry } from './imported-entry.ts';

export interface MappedEntry {
  content: DesignationContent;
  /** SHA-256 of the content: equal hashes mean nothing to write on re-import. */
  hash: string;
  /** What the source held that the hub could not keep as given (kept in remarks instead). */
  notes: string[];
}

/**
 * Turns a published entry into designation content. Published data is not always valid by
 * the hub's rules (a wrong IMO check digit, a 31 February); such parts are not dropped but
 * moved into the remarks with a note, so that no listed information is lost and the entry
 * still imports.
 */
export function toDesignationContent(entry: ImportedEntry, marking: Marking): MappedEntry {
  const notes: string[] = [];
  const identifiers = entry.identifiers.filter((id) => {
    const ok =
      id.value.trim() !== '' &&
      (id.type !== 'IMO_NUMBER' || isValidImoNumber(id.value)) &&
      (id.type !== 'MMSI' || isValidMmsi(id.value));
    if (!ok && id.value.trim()) notes.push(`${id.type} ${id.value}${id.note ? ` (${id.note})` : ''}`);
    return ok;
  });
  const datesOfBirth = entry.datesOfBirth.filter((dob) => {
    const ok = partialDateBounds(dob.date) !== null && (dob.rangeEnd === null || partialDateBounds(dob.rangeEnd) !== null);
    if (!ok) notes.push(`DOB ${dob.date}${dob.rangeEnd ? ` to ${dob.rangeEnd}` : ''}`);
    return ok;
  });
  const aliases = dedupe(
    entry.aliases.filter((a) => a.name.trim() !== '' && a.name.trim() !== entry.primaryName.trim()),
    (a) => `${a.name.trim().toLowerCase()}|${a.kind}`,
  );
  const unknown = entry.unknownFields.map((field) => `${field.name}: ${field.value}`);
  const remarks = [
    entry.remarks,
    ...(notes.length ? [`Also listed (not in a structured form here): ${notes.join('; ')}`] : []),
    // A field the reader does not know yet is kept word for word rather than lost.
    ...(unknown.length ? [`Also in the file (fields the importer does not know): ${unknown.join('; ')}`] : []),
  ]
    .filter(Boolean)
    .join('\n');
  const input: CreateDesignationInput = {
    subjectType: entry.subjectType,
    primaryName: clip(entry.primaryName, LIMITS.name),
    status: 'ACTIVE',
    marking,
    aliases: aliases.slice(0, LIMITS.aliases).map((a) => ({ ...a, name: clip(a.name, LIMITS.name) })),
    identifiers: identifiers.slice(0, LIMITS.identifiers).map((id) => ({ ...id, value: clip(id.value, LIMITS.shortText), note: id.note && clip(id.note, LIMITS.shortText) })),
    addresses: entry.addresses.filter((a) => Object.values(a).some((v) => v)).slice(0, LIMITS.addresses).map(clipAddress),
    datesOfBirth: dedupe(datesOfBirth, (d) => `${d.date}|${d.rangeEnd}|${d.approximate}`).slice(0, LIMITS.birthDates),
    placesOfBirth: dedupe(entry.placesOfBirth.map((p) => clip(p, LIMITS.shortText)).filter(Boolean), (p) => p),
    nationalities: entry.nationalities,
    programs: entry.programs.map((p) => clip(p, LIMITS.program)),
    effectiveFrom: entry.listedOn,
    remarks: remarks ? clip(remarks, LIMITS.longText) : null,
  } as CreateDesignationInput;
  const content = validateCreate(input);
  return { content, hash: createHash('sha256').update(canonicalJson(content)).digest('hex'), notes };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const clipAddress = (a: ImportedEntry['addresses'][number]) => ({
  street: a.street && clip(a.street, LIMITS.shortText * 2),
  city: a.city && clip(a.city, LIMITS.shortText),
  region: a.region && clip(a.region, LIMITS.shortText),
  postalCode: a.postalCode && clip(a.postalCode, LIMITS.program),
  country: a.country,
});

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

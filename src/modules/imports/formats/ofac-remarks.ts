import type { AliasKind } from '../../../db/schema/index.ts';
import type { ImportedAlias, ImportedDateOfBirth, ImportedIdentifier } from '../imported-entry.ts';
import { ofacDateOfBirth } from './ofac-dates.ts';
import { type IdentifierFeature, ofacIdentifier, splitIdentifierLabel } from './ofac-features.ts';
import { countryCode } from './source-files.ts';

/** What the legacy CSV hides in the free-text Remarks column (the XML has elements for it all). */
export interface RemarksFacts {
  aliases: ImportedAlias[];
  datesOfBirth: ImportedDateOfBirth[];
  placesOfBirth: string[];
  nationalities: string[];
  identifiers: ImportedIdentifier[];
}

export const ALIAS_KINDS_BY_ABBREVIATION: Readonly<Record<string, AliasKind>> = {
  'a.k.a.': 'AKA',
  'f.k.a.': 'FKA',
  'n.k.a.': 'NKA',
  aka: 'AKA',
  fka: 'FKA',
  nka: 'NKA',
};

/**
 * Reads Remarks as OFAC writes them: `; `-separated features, the second and later of a kind
 * prefixed `alt.`, the whole ending in a full stop. Segments it does not understand are left
 * alone: the caller keeps the full text as the entry's remarks.
 */
export function parseOfacRemarks(text: string | null): RemarksFacts {
  const facts: RemarksFacts = { aliases: [], datesOfBirth: [], placesOfBirth: [], nationalities: [], identifiers: [] };
  if (!text) return facts;
  for (const segment of remarkSegments(text)) readSegment(segment, facts);
  return facts;
}

function remarkSegments(text: string): string[] {
  return text
    .trim()
    .replace(/\.$/, '')
    // Mostly `; `, but OFAC sometimes drops the space (`possibly Palestinian;arrested 2002`).
    .split(/;\s*/)
    .map((segment) => segment.trim().replace(/^alt\.\s+/i, ''))
    .filter((segment) => segment.length > 0);
}

const WEAK_ALIAS = /^([afn]\.k\.a\.),?\s+'(.+)'\.?$/;
const DATE_OF_BIRTH = /^DOB:?\s+(.+)$/;
const PLACE_OF_BIRTH = /^POB:?\s+(.+)$/;
/** Lower case on purpose: `Nationality of Registration` is where an entity is registered. */
const NATIONALITY = /^(?:nationality|citizen|citizenship)\s+(.+)$/;

function readSegment(segment: string, facts: RemarksFacts): void {
  let match: RegExpExecArray | null;
  if ((match = WEAK_ALIAS.exec(segment))) {
    // Only strong aliases have rows in alt.csv; the quotes in Remarks mark the weak ones.
    facts.aliases.push({ name: match[2]!.trim(), kind: ALIAS_KINDS_BY_ABBREVIATION[match[1]!]!, strength: 'WEAK' });
  } else if ((match = DATE_OF_BIRTH.exec(segment))) {
    const date = ofacDateOfBirth(match[1]!);
    if (date) facts.datesOfBirth.push(date);
  } else if ((match = PLACE_OF_BIRTH.exec(segment))) {
    addOnce(facts.placesOfBirth, match[1]!.trim());
  } else if ((match = NATIONALITY.exec(segment))) {
    const code = countryCode(match[1]);
    if (code) addOnce(facts.nationalities, code);
  } else {
    const identifier = remarkIdentifier(segment);
    if (identifier) facts.identifiers.push(identifier);
  }
}

function remarkIdentifier(segment: string): ImportedIdentifier | null {
  const split = splitIdentifierLabel(segment);
  return split ? ofacIdentifier({ label: split.label, ...identifierParts(split.rest) }) : null;
}

/** `A1234 (Iran) issued 2000 expires 2005` → value, country and the date details. */
export function identifierParts(rest: string): Omit<IdentifierFeature, 'label'> {
  const dated = /\s+((?:issued|expires|expired)\b.*)$/i.exec(rest);
  const body = dated ? rest.slice(0, dated.index) : rest;
  const details = dated ? [dated[1]!] : [];
  const withCountry = /^(.*\S)\s*\(([^()]+)\)$/.exec(body.trim());
  if (!withCountry) return { value: body.trim(), country: null, details };
  return { value: withCountry[1]!, country: withCountry[2]!.trim(), details };
}

export function addOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

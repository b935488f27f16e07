import type { AliasKind, AliasStrength, IdentifierType } from '../../../db/schema/index.ts';
import {
  emptyEntry,
  MalformedInputError,
  type ImportedAddress,
  type ImportedAlias,
  type ImportedDateOfBirth,
  type ImportedEntry,
  type ImportedIdentifier,
  type ImportSource,
} from '../imported-entry.ts';
import { requireXmlRoot } from './recognise.ts';
import { countryCode } from './source-files.ts';
import {
  childElements,
  childText,
  childValues,
  datePart,
  joinPresent,
  readRootAttributes,
  streamXmlRecords,
  unknownChildren,
  type XmlElement,
} from './xml-stream.ts';

/**
 * The UN Security Council Consolidated List (`CONSOLIDATED_LIST` XML, sc-sanctions.xsd).
 * Entries are the INDIVIDUAL and ENTITY elements; `position` is the entry's number in the file
 * (1 for the first), and DATAID is the id designations are matched by.
 */
export function unXmlSource(file: string): ImportSource {
  return {
    list: 'UN-SC',
    snapshot: datePart(readRootAttributes(file)?.dateGenerated),
    check: () => void requireXmlRoot(file, 'un-xml', UN_ROOT),
    async *entries() {
      let position = 0;
      for await (const element of streamXmlRecords(file, isUnEntry)) {
        yield unEntry(file, element, ++position);
      }
    },
  };
}

const UN_ROOT = { name: 'CONSOLIDATED_LIST', namespaces: [null], describe: 'the UN Security Council consolidated list' };

const isUnEntry = (name: string, depth: number) => depth === 2 && (name === 'INDIVIDUAL' || name === 'ENTITY');

/** The children of INDIVIDUAL and ENTITY in sc-sanctions.xsd; any other is kept as a remark and warned about. */
const KNOWN_FIELDS = new Set([
  'DATAID', 'VERSIONNUM', 'FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME', 'UN_LIST_TYPE', 'REFERENCE_NUMBER',
  'LISTED_ON', 'GENDER', 'SUBMITTED_BY', 'SUBMITTED_ON', 'NAME_ORIGINAL_SCRIPT', 'COMMENTS1', 'TITLE', 'DESIGNATION',
  'NATIONALITY', 'LIST_TYPE', 'LAST_DAY_UPDATED', 'INDIVIDUAL_ALIAS', 'INDIVIDUAL_ADDRESS', 'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'ENTITY_ALIAS', 'ENTITY_ADDRESS', 'SORT_KEY', 'SORT_KEY_LAST_MOD',
  'DELISTED_ON',
]);

/** One INDIVIDUAL or ENTITY element as an entry. Pure: the element is already read. */
export function unEntry(file: string, element: XmlElement, position: number): ImportedEntry {
  const individual = element.name === 'INDIVIDUAL';
  const reference = childText(element, 'DATAID');
  // The name parts have no reliable given/family order, so they are kept in the published order.
  const name = individual
    ? joinPresent(['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((part) => childText(element, part)), ' ')
    : childText(element, 'FIRST_NAME');
  if (!reference) throw new MalformedInputError(file, `line ${element.line}`, `${element.name} without a DATAID`);
  if (!name) throw new MalformedInputError(file, `line ${element.line}`, `${element.name} ${reference} without a name`);

  const extraRemarks: string[] = [];
  const entry = emptyEntry(reference, individual ? 'INDIVIDUAL' : 'ENTITY', name, position);
  entry.aliases = unAliases(element, individual ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS');
  entry.programs = [childText(element, 'UN_LIST_TYPE')].filter(Boolean);
  entry.listedOn = datePart(childText(element, 'LISTED_ON'));
  entry.nationalities = unique(childValues(element, 'NATIONALITY').map(countryCode));
  entry.addresses = unAddresses(element, individual ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS', extraRemarks);
  if (individual) {
    entry.datesOfBirth = childElements(element, 'INDIVIDUAL_DATE_OF_BIRTH').flatMap((dob) => unDateOfBirth(dob, extraRemarks));
    entry.placesOfBirth = childElements(element, 'INDIVIDUAL_PLACE_OF_BIRTH').flatMap(unPlaceOfBirth);
    entry.identifiers = childElements(element, 'INDIVIDUAL_DOCUMENT').flatMap((document) => unIdentifier(document, extraRemarks));
  }
  entry.identifiers.push(...unReference(element));
  entry.unknownFields = unknownChildren(element, KNOWN_FIELDS);
  entry.remarks = unRemarks(element, extraRemarks);
  return entry;
}

/**
 * REFERENCE_NUMBER (`KPe.055`, `TAi.005`) is the reference the UN publishes and other lists
 * and analysts quote (the EU's unitedNationId, OFSI's UN reference); DATAID, by which entries
 * are matched between editions, is the UN database's own id. The reference is kept as an
 * identifier, so that it is shown with the designation and can be searched for.
 */
function unReference(element: XmlElement): ImportedIdentifier[] {
  const reference = childText(element, 'REFERENCE_NUMBER');
  return reference ? [{ type: 'OTHER', value: reference, issuingCountry: null, note: 'UN Security Council reference number' }] : [];
}

/**
 * NAME_ORIGINAL_SCRIPT first, then the aliases in published order. An alias's QUALITY is
 * `Good`, `Low` or empty for individuals, and `a.k.a.` / `f.k.a.` for entities. Only `Low`
 * makes a weak alias: the UN applies "low quality" to a.k.a.s too vague to identify anyone on
 * their own, and an empty QUALITY is not that statement, so it stays strong (in the published
 * lists every empty QUALITY also has an empty ALIAS_NAME, which is skipped).
 */
function unAliases(element: XmlElement, aliasElement: string): ImportedAlias[] {
  const original = childText(element, 'NAME_ORIGINAL_SCRIPT');
  const aliases: ImportedAlias[] = original ? [{ name: original, kind: 'AKA', strength: 'STRONG' }] : [];
  for (const alias of childElements(element, aliasElement)) {
    const name = childText(alias, 'ALIAS_NAME');
    if (name) aliases.push({ name, ...aliasQuality(childText(alias, 'QUALITY')) });
  }
  return aliases;
}

function aliasQuality(quality: string): { kind: AliasKind; strength: AliasStrength } {
  const label = quality.toLowerCase().replace(/[\s.]/g, '');
  if (label === 'low') return { kind: 'AKA', strength: 'WEAK' };
  if (label === 'fka') return { kind: 'FKA', strength: 'STRONG' };
  if (label === 'nka') return { kind: 'NKA', strength: 'STRONG' };
  return { kind: 'AKA', strength: 'STRONG' };
}

/**
 * TYPE_OF_DATE EXACT (or empty) with DATE or YEAR, APPROXIMATELY with YEAR or DATE, BETWEEN with
 * FROM_YEAR/TO_YEAR. A NOTE is free text ("Nov. 1973", "30-35 years old", "from false
 * passport"): it goes to the remarks, except "Approximately", which marks the date approximate.
 */
function unDateOfBirth(dob: XmlElement, remarks: string[]): ImportedDateOfBirth[] {
  const type = childText(dob, 'TYPE_OF_DATE').toUpperCase();
  const note = childText(dob, 'NOTE');
  const from = childText(dob, 'FROM_YEAR');
  const to = childText(dob, 'TO_YEAR');
  const single = childText(dob, 'DATE') || childText(dob, 'YEAR');
  const approximate = type === 'APPROXIMATELY' || /approx/i.test(note);
  const dates: ImportedDateOfBirth[] = [];
  if (from && to) dates.push({ date: from, rangeEnd: to, approximate });
  else if (from || to) dates.push({ date: from || to, rangeEnd: null, approximate: true });
  else if (single) dates.push({ date: single, rangeEnd: null, approximate });
  const stated = from && to ? `${from} to ${to}` : from || to || single;
  if (note && !/^approx\w*\.?$/i.test(note)) remarks.push(`Date of birth${stated ? ` ${stated}` : ''}: ${note}`);
  return dates;
}

function unPlaceOfBirth(place: XmlElement): string[] {
  const text =
    joinPresent(['STREET', 'CITY', 'STATE_PROVINCE', 'COUNTRY'].map((part) => childText(place, part))) ?? childText(place, 'NOTE');
  return text ? [text] : [];
}

/** Addresses with no street, city, region, postal code or country are skipped; a lone NOTE goes to the remarks. */
function unAddresses(element: XmlElement, addressElement: string, remarks: string[]): ImportedAddress[] {
  const addresses: ImportedAddress[] = [];
  for (const address of childElements(element, addressElement)) {
    const country = childText(address, 'COUNTRY');
    const parsed: ImportedAddress = {
      street: childText(address, 'STREET') || null,
      city: childText(address, 'CITY') || null,
      region: childText(address, 'STATE_PROVINCE') || null,
      postalCode: childText(address, 'ZIP_CODE') || null,
      country: countryCode(country),
    };
    const note = childText(address, 'NOTE');
    if (parsed.street || parsed.city || parsed.region || parsed.postalCode || parsed.country) addresses.push(parsed);
    else if (country || note) remarks.push(`Address: ${joinPresent([country, note])}`);
  }
  return addresses;
}

/**
 * TYPE_OF_DOCUMENT is one of a few labels (`Passport`, `National Identification Number`, and
 * Spanish/French passport labels); TYPE_OF_DOCUMENT2 refines it in free text ("Birth
 * certificate", "Italian Fiscal Code:"), so it decides the type when it names one. A document
 * without a NUMBER (the number written inside its NOTE) cannot be matched on, so it is kept
 * as a remark instead.
 */
function unIdentifier(document: XmlElement, remarks: string[]): ImportedIdentifier[] {
  const primaryLabel = childText(document, 'TYPE_OF_DOCUMENT');
  const detail = childText(document, 'TYPE_OF_DOCUMENT2');
  const label = joinPresent([primaryLabel, detail && `(${detail})`], ' ');
  const number = childText(document, 'NUMBER');
  const note = childText(document, 'NOTE');
  if (!number) {
    const unnumbered = joinPresent([label, note], ': ');
    if (unnumbered) remarks.push(unnumbered);
    return [];
  }
  const issued = joinPresent([childText(document, 'DATE_OF_ISSUE'), childText(document, 'CITY_OF_ISSUE')], ' in ');
  return [
    {
      type: documentType(detail) ?? documentType(primaryLabel) ?? 'OTHER',
      value: number,
      issuingCountry: countryCode(childText(document, 'ISSUING_COUNTRY')) ?? countryCode(childText(document, 'COUNTRY_OF_ISSUE')),
      note: joinPresent([label, issued && `issued ${issued}`, note], '; '),
    },
  ];
}

/** Null when the label names no type the hub knows, so that a vaguer label can decide. */
function documentType(label: string): IdentifierType | null {
  if (!label) return null;
  if (/birth|ration|voter|student|driver|military|serviceman|residen|nationality|FARDC/i.test(label)) return 'OTHER';
  if (/passport|passeport|pasaporte/i.test(label)) return 'PASSPORT';
  if (/fiscal|tax/i.test(label)) return 'TAX_ID';
  if (/national (identi|number)|identity|identification|social security|civil/i.test(label)) return 'NATIONAL_ID';
  if (/other/i.test(label)) return 'OTHER';
  return null;
}

/**
 * COMMENTS1, then DESIGNATION and TITLE values, then what the structured fields could not hold.
 * COMMENTS1 is hard-wrapped mid-sentence at about 90 characters, so its line breaks are dropped.
 */
function unRemarks(element: XmlElement, extra: readonly string[]): string | null {
  const lines = [
    childText(element, 'COMMENTS1'),
    ...childValues(element, 'DESIGNATION').map((value) => `Designation: ${value}`),
    ...childValues(element, 'TITLE').map((value) => `Title: ${value}`),
    ...extra,
  ];
  return joinPresent(lines, '\n');
}

function unique<T>(values: readonly (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))];
}

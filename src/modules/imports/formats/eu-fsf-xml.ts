import countries from 'i18n-iso-countries';
import type { IdentifierType, SubjectType } from '../../../db/schema/index.ts';
import {
  emptyEntry,
  MalformedInputError,
  type ImportedAddress,
  type ImportedAlias,
  type ImportedDateOfBirth,
  type ImportedIdentifier,
  type ImportedEntry,
  type ImportSource,
} from '../imported-entry.ts';
import { requireXmlRoot } from './recognise.ts';
import { countryCode } from './source-files.ts';
import {
  attribute,
  childElements,
  childTextBlock,
  datePart,
  joinPresent,
  multiLine,
  readRootAttributes,
  singleLine,
  streamXmlRecords,
  unknownChildren,
  type XmlElement,
} from './xml-stream.ts';

/**
 * The EU Financial Sanctions Files list (FSF XML 1.1, `export` root). Entries are the
 * `sanctionEntity` elements; `position` is the entry's number in the file (1 for the first).
 *
 * The entry's id is its `euReferenceNumber` (`EU.3579.2`): the Commission's published
 * reference for the listing, printed on the Sanctions Map and kept through amendments, which
 * other lists and tools cite. `logicalId` is the row id of the Commission's database, seen
 * nowhere else; it is used only if an entry has no reference number.
 */
export function euFsfXmlSource(file: string): ImportSource {
  return {
    list: 'EU-FSF',
    snapshot: datePart(readRootAttributes(file)?.generationDate),
    check: () => void requireXmlRoot(file, 'eu-fsf-xml', EU_ROOT),
    async *entries() {
      let position = 0;
      for await (const element of streamXmlRecords(file, isEuEntry)) {
        yield euEntry(file, element, ++position);
      }
    },
  };
}

const EU_ROOT = { name: 'export', namespaces: ['http://eu.europa.ec/fpi/fsd/export'], describe: 'the EU financial sanctions files, FSF XML 1.1' };
const KNOWN_FIELDS = new Set(['regulation', 'subjectType', 'nameAlias', 'citizenship', 'birthdate', 'address', 'identification', 'remark']);

const isEuEntry = (name: string, depth: number) => depth === 1 && name === 'sanctionEntity';

const SUBJECT_TYPES: Readonly<Record<string, SubjectType>> = { person: 'INDIVIDUAL', enterprise: 'ENTITY' };

/** One `sanctionEntity` element as an entry. Pure: the element is already read. */
export function euEntry(file: string, element: XmlElement, position: number): ImportedEntry {
  const reference = attribute(element, 'euReferenceNumber') || attribute(element, 'logicalId');
  const where = `line ${element.line}`;
  if (!reference) throw new MalformedInputError(file, where, 'sanctionEntity without euReferenceNumber or logicalId');
  const code = attribute(childElements(element, 'subjectType')[0] ?? element, 'code');
  const subjectType = SUBJECT_TYPES[code];
  if (!subjectType) throw new MalformedInputError(file, where, `sanctionEntity ${reference}: unknown subjectType "${code}"`);
  const names = childElements(element, 'nameAlias').map(euName).filter((name) => name.text);
  const primary = primaryName(names);
  if (!primary) throw new MalformedInputError(file, where, `sanctionEntity ${reference} without a name`);

  const entry = emptyEntry(reference, subjectType, primary.text, position);
  entry.aliases = names.filter((name) => name !== primary).map(toAlias);
  entry.programs = unique(childElements(element, 'regulation').map((regulation) => attribute(regulation, 'programme')));
  entry.listedOn = datePart(attribute(element, 'designationDate'));
  const births = childElements(element, 'birthdate');
  entry.datesOfBirth = births.flatMap(euDateOfBirth);
  entry.placesOfBirth = unique(births.map(euPlaceOfBirth));
  entry.nationalities = unique(childElements(element, 'citizenship').map((citizenship) => countryCode(attribute(citizenship, 'countryIso2Code'))));
  entry.addresses = childElements(element, 'address').flatMap(euAddress);
  entry.identifiers = childElements(element, 'identification').flatMap(euIdentifier);
  entry.unknownFields = unknownChildren(element, KNOWN_FIELDS);
  entry.remarks = euRemarks(element, names);
  return entry;
}

interface EuName {
  /** `wholeName` as published, runs of spaces collapsed (double spaces are typing slips). */
  text: string;
  weak: boolean;
  language: string;
  /** The name carries the first/last name split, or the function and title: the EU's main entry. */
  structured: boolean;
  described: boolean;
  /** Remark on the name other than its quality. */
  remark: string;
  element: XmlElement;
}

function euName(element: XmlElement): EuName {
  const parts = ['firstName', 'middleName', 'lastName'].map((part) => attribute(element, part));
  const remark = childTextBlock(element, 'remark');
  const quality = QUALITY_REMARK.exec(remark);
  return {
    text: attribute(element, 'wholeName') || (joinPresent(parts, ' ') ?? ''),
    weak: attribute(element, 'strong') === 'false' || (quality !== null && WEAK_QUALITY.test(quality[1] ?? '')),
    language: attribute(element, 'nameLanguage').toUpperCase(),
    structured: parts.some(Boolean),
    described: Boolean(attribute(element, 'function') || attribute(element, 'title')),
    remark: quality ? '' : remark,
    element,
  };
}

/**
 * Alias quality is stated only in a free-text remark ("good quality alias", "low quality
 * aliias" [sic], "Good quality alias"), while `strong` is always true; the remark decides.
 */
const QUALITY_REMARK = /^(\w+)[\s-]+quality\b/i;
const WEAK_QUALITY = /^(low?|poor|weak)$/i;

/**
 * The file has no primary name: the first nameAlias is often a translation (Irish, Arabic) or a
 * misspelt variant. The name chosen is the first, in file order, that ranks highest by: not
 * of low quality; in Latin script; carrying the function or title (the EU attaches them to
 * the name an entry was listed under); split into first and last name; in English or no
 * stated language.
 */
function primaryName(names: readonly EuName[]): EuName | undefined {
  const rank = (name: EuName) => [!name.weak, isLatin(name.text), name.described, name.structured, name.language === '' || name.language === 'EN'];
  let best: EuName | undefined;
  for (const name of names) if (!best || outranks(rank(name), rank(best))) best = name;
  return best;
}

const outranks = (a: readonly boolean[], b: readonly boolean[]): boolean => {
  const differs = a.findIndex((value, index) => value !== b[index]);
  return differs >= 0 && a[differs] === true;
};

const isLatin = (text: string) => (text.match(/\p{L}/gu) ?? []).every((letter) => /\p{Script=Latin}/u.test(letter));

const toAlias = (name: EuName): ImportedAlias => ({ name: name.text, kind: 'AKA', strength: name.weak ? 'WEAK' : 'STRONG' });

/**
 * `birthdate` is the full date when known, else `year`, `monthOfYear` and `dayOfMonth`, or a
 * `yearRangeFrom`/`yearRangeTo`; `circa` marks it approximate. For another calendar (a Hijri
 * date), `year`, month and day are in that calendar and only `birthdate` holds the Gregorian
 * conversion: it is kept when its year is a Gregorian one (from 1800), the rest dropped.
 */
function euDateOfBirth(birth: XmlElement): ImportedDateOfBirth[] {
  const approximate = attribute(birth, 'circa') === 'true';
  const full = datePart(attribute(birth, 'birthdate'));
  const single = (date: string | null) => (date ? [{ date, rangeEnd: null, approximate }] : []);
  if ((attribute(birth, 'calendarType') || 'GREGORIAN').toUpperCase() !== 'GREGORIAN') {
    return single(full && Number(full.slice(0, 4)) >= 1800 ? full : null);
  }
  if (full) return single(full);
  const from = attribute(birth, 'yearRangeFrom');
  const to = attribute(birth, 'yearRangeTo');
  if (from && to) return [{ date: from, rangeEnd: to, approximate }];
  const year = attribute(birth, 'year');
  if (!year) return single(from || to || null);
  const month = attribute(birth, 'monthOfYear');
  const day = attribute(birth, 'dayOfMonth');
  return single([year, month && month.padStart(2, '0'), month && day && day.padStart(2, '0')].filter(Boolean).join('-'));
}

/** `city, place, region, country`; `-` is the list's way of writing "no city". */
function euPlaceOfBirth(birth: XmlElement): string | null {
  const city = attribute(birth, 'city');
  return joinPresent([city === '-' ? '' : city, attribute(birth, 'place'), attribute(birth, 'region'), countryName(birth)]);
}

/** English name of `countryIso2Code` (the English names are registered by source-files.ts); `00` is "unknown". */
function countryName(element: XmlElement): string | null {
  const code = countryCode(attribute(element, 'countryIso2Code'));
  return code ? (countries.getName(code, 'en') ?? code) : null;
}

function euAddress(address: XmlElement): ImportedAddress[] {
  const poBox = attribute(address, 'poBox');
  const parsed: ImportedAddress = {
    street: joinPresent([attribute(address, 'street').replace(/[\s,;]+$/, ''), poBox && `P.O. Box ${poBox}`]),
    city: attribute(address, 'city') || attribute(address, 'place') || null,
    region: attribute(address, 'region') || null,
    postalCode: attribute(address, 'zipCode') || null,
    country: countryCode(attribute(address, 'countryIso2Code')),
  };
  return Object.values(parsed).some(Boolean) ? [parsed] : [];
}

const IDENTIFIER_TYPES: Readonly<Record<string, IdentifierType>> = {
  passport: 'PASSPORT',
  id: 'NATIONAL_ID',
  nrn: 'NATIONAL_ID',
  ssn: 'NATIONAL_ID',
  tax: 'TAX_ID',
  fiscalcode: 'TAX_ID',
  regnumber: 'COMPANY_REGISTRATION',
  imo: 'IMO_NUMBER',
  swiftbic: 'SWIFT_BIC',
};

/** The note keeps the EU's label for the document, its dates and what is known about its validity. */
function euIdentifier(identification: XmlElement): ImportedIdentifier[] {
  const number = attribute(identification, 'number');
  const latin = attribute(identification, 'latinNumber');
  const code = attribute(identification, 'identificationTypeCode');
  if (!number && !latin) return [];
  const flag = (name: string, label: string) => (attribute(identification, name) === 'true' ? label : null);
  const dated = (name: string, label: string) => (attribute(identification, name) ? `${label} ${attribute(identification, name)}` : null);
  const note = joinPresent(
    [
      attribute(identification, 'identificationTypeDescription') || code,
      number && latin && latin !== number ? `in Latin script ${latin}` : null,
      dated('issuedBy', 'issued by'),
      dated('region', 'issued in'),
      dated('issueDate', 'issued'),
      dated('validFrom', 'valid from'),
      dated('validTo', 'valid to'),
      flag('knownExpired', 'known expired'),
      flag('knownFalse', 'known false'),
      flag('reportedLost', 'reported lost'),
      flag('revokedByIssuer', 'revoked by issuer'),
      flag('diplomatic', 'diplomatic'),
      dated('nameOnDocument', 'name on document:'),
      singleLine(childTextBlock(identification, 'remark')),
    ],
    '; ',
  );
  return [
    {
      type: IDENTIFIER_TYPES[code.toLowerCase()] ?? 'OTHER',
      value: number || latin,
      issuingCountry: countryCode(attribute(identification, 'countryIso2Code')),
      note,
    },
  ];
}

/**
 * The entry's remarks, then what the structured fields cannot hold: the listing details, the
 * UN reference, functions and titles, remarks on names and addresses, contact details.
 */
function euRemarks(element: XmlElement, names: readonly EuName[]): string | null {
  const lines = [
    ...childElements(element, 'remark').map((remark) => multiLine(remark.text)),
    prefixed('Designation details', attribute(element, 'designationDetails')),
    prefixed('UN reference', attribute(element, 'unitedNationId')),
    ...names.flatMap((name) => [
      prefixed('Function', attribute(name.element, 'function')),
      prefixed('Title', attribute(name.element, 'title')),
      prefixed(name.text, name.remark),
    ]),
    ...childElements(element, 'address').flatMap((address) => [
      prefixed('Address', childTextBlock(address, 'remark')),
      ...childElements(address, 'contactInfo').map((contact) => prefixed(`Contact (${attribute(contact, 'key').toLowerCase()})`, attribute(contact, 'value'))),
    ]),
  ];
  return joinPresent(unique(lines), '\n');
}

const prefixed = (label: string, text: string) => (text ? `${label}: ${text}` : null);

function unique<T>(values: readonly (T | null | undefined | '')[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== undefined && value !== ''))];
}

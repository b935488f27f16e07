import type { AliasKind, AliasStrength, IdentifierType, SubjectType } from '../../db/schema/index.ts';

/**
 * One entry of a published sanctions list, as a format parser reads it: close to the source,
 * before validation. The importer turns it into a designation owned by the importing agency.
 */
export interface ImportedEntry {
  /** The entry's stable id in its list (OFAC ent_num / uid, UN DATAID, OFSI Group ID, …). */
  sourceReference: string;
  subjectType: SubjectType;
  primaryName: string;
  aliases: ImportedAlias[];
  identifiers: ImportedIdentifier[];
  addresses: ImportedAddress[];
  /** Partial ISO dates (`1972`, `1972-05`, `1972-05-03`), optionally a range and approximate. */
  datesOfBirth: ImportedDateOfBirth[];
  placesOfBirth: string[];
  /** ISO 3166-1 alpha-2 where the source allows mapping; unmappable values are dropped. */
  nationalities: string[];
  programs: string[];
  /** Date the entry was listed, `YYYY-MM-DD`, when the source gives it. */
  listedOn: string | null;
  remarks: string | null;
  /**
   * Elements or columns inside the entry that the reader does not know: kept in the remarks
   * and counted as warnings, so that a publisher's new field is seen rather than lost.
   */
  unknownFields: UnknownField[];
  /**
   * The newest date the entry states that is not in the future (a listing date, a date in its
   * remarks): for a file that states no edition, the newest of them dates the file.
   */
  newestDate?: string | null;
  /** Where in the file the entry began (line or element number), for error messages. */
  position: number;
}

export interface UnknownField {
  name: string;
  value: string;
}

export interface ImportedAlias {
  name: string;
  kind: AliasKind;
  strength: AliasStrength;
}

export interface ImportedIdentifier {
  type: IdentifierType;
  value: string;
  issuingCountry: string | null;
  /** The source's own label for the identifier (e.g. `Passport`, `Cedula No.`), and dates. */
  note: string | null;
}

export interface ImportedAddress {
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface ImportedDateOfBirth {
  date: string;
  rangeEnd: string | null;
  approximate: boolean;
}

/** What a format parser reads from a file or folder. */
export interface ImportSource {
  /** Which list this is, e.g. `OFAC-SDN`, `UN-SC`: designations are matched within it. */
  readonly list: string;
  /** The edition the file states (`2024-05-03`: its publication date or date generated), when it states one. */
  readonly snapshot: string | null;
  /**
   * Checks, from the head of the file, that it is of this format (root element and namespace,
   * header row, file names), before anything is read or written. Throws an ImportError
   * (WRONG_FORMAT, SOURCE_NOT_FOUND) saying what was expected and what was found.
   */
  check(): void;
  /** The entries, streamed in file order. */
  entries(): AsyncIterable<ImportedEntry>;
}

/**
 * Malformed input: names where (file, line or entry) and why. The import stops at it, and
 * the batch it was in is not written.
 */
export class MalformedInputError extends Error {
  readonly code = 'MALFORMED_INPUT';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${file}, ${where}: ${reason}`);
    this.name = 'MalformedInputError';
  }
}

export const emptyEntry = (sourceReference: string, subjectType: SubjectType, primaryName: string, position: number): ImportedEntry => ({
  sourceReference,
  subjectType,
  primaryName,
  aliases: [],
  identifiers: [],
  addresses: [],
  datesOfBirth: [],
  placesOfBirth: [],
  nationalities: [],
  programs: [],
  listedOn: null,
  remarks: null,
  unknownFields: [],
  position,
});

import type { SubjectType } from '../../../db/schema/index.ts';
import { emptyEntry, type ImportedEntry, MalformedInputError } from '../imported-entry.ts';
import { ofacAddress } from './ofac-address.ts';
import { countryCode } from './source-files.ts';
import { ofacDateOfBirth } from './ofac-dates.ts';
import { isRemarkFeature, ofacIdentifier } from './ofac-features.ts';
import { ALIAS_KINDS_BY_ABBREVIATION, addOnce } from './ofac-remarks.ts';

/** An open element: its text, and the leaf children read so far (`uid`, `idType`, …). */
interface Frame {
  name: string;
  text: string;
  fields: Map<string, string>;
  /** Leaf children in order; `programList` repeats `program`. */
  values: string[];
  hasChildren: boolean;
}

type Fields = ReadonlyMap<string, string>;

const SUBJECT_TYPES_BY_SDN_TYPE: Readonly<Record<string, SubjectType>> = {
  Individual: 'INDIVIDUAL',
  Entity: 'ENTITY',
  Vessel: 'VESSEL',
  Aircraft: 'AIRCRAFT',
};

/** The children of sdnEntry in the sdn.xml schema; any other is kept as a remark and warned about. */
const KNOWN_FIELDS = new Set([
  'uid', 'firstName', 'lastName', 'title', 'sdnType', 'remarks', 'programList', 'idList', 'akaList', 'addressList',
  'nationalityList', 'citizenshipList', 'dateOfBirthList', 'placeOfBirthList', 'vesselInfo',
]);

/**
 * Builds `sdnEntry` elements of the sdn.xml schema from parser events, one entry at a time:
 * leaf elements are collected into their parent, and each list item (id, aka, address, …) is
 * added to the entry as it closes, so only the current entry is ever held.
 */
export class OfacXmlEntryReader {
  private readonly open: Frame[] = [];
  private entry: ImportedEntry | null = null;
  private extraRemarks: string[] = [];

  constructor(private readonly file: string) {}

  onOpen(name: string, line: number): void {
    const parent = this.open.at(-1);
    if (parent) parent.hasChildren = true;
    this.open.push({ name, text: '', fields: new Map(), values: [], hasChildren: false });
    if (name === 'sdnEntry') {
      this.entry = emptyEntry('', 'ENTITY', '', line);
      this.extraRemarks = [];
    }
  }

  onText(text: string): void {
    const frame = this.open.at(-1);
    if (frame) frame.text += text;
  }

  /** The finished entry when an `sdnEntry` closes, otherwise null. */
  onClose(): ImportedEntry | null {
    const frame = this.open.pop()!;
    const parent = this.open.at(-1);
    if (!frame.hasChildren && parent) {
      parent.fields.set(frame.name, frame.text.trim());
      parent.values.push(frame.text.trim());
    }
    if (!this.entry) return null;
    if (frame.name === 'sdnEntry') return this.finishEntry(frame.fields);
    if (parent?.name === 'sdnEntry' && !KNOWN_FIELDS.has(frame.name)) {
      this.entry.unknownFields.push({ name: frame.name, value: [frame.text.trim(), ...frame.values].filter(Boolean).join('; ') });
    }
    this.addItem(frame);
    return null;
  }

  private addItem({ name, fields, values }: Frame): void {
    const entry = this.entry!;
    if (name === 'programList') entry.programs.push(...values.filter(Boolean));
    else if (name === 'aka') this.addAlias(fields);
    else if (name === 'id') this.addIdentifier(fields);
    else if (name === 'address') this.addAddress(fields);
    else if (name === 'nationality' || name === 'citizenship') this.addNationality(fields);
    else if (name === 'dateOfBirthItem') this.addDateOfBirth(fields);
    else if (name === 'placeOfBirthItem') addPresent(entry.placesOfBirth, fields.get('placeOfBirth'));
    else if (name === 'vesselInfo') this.addVesselInfo(fields);
  }

  private finishEntry(fields: Fields): ImportedEntry {
    const entry = this.entry!;
    this.entry = null;
    // Errors name the line where the entry began, as positions do.
    const fail = (reason: string) => new MalformedInputError(this.file, `line ${entry.position}`, reason);
    const uid = fields.get('uid');
    if (!uid) throw fail('sdnEntry without uid');
    const subjectType = SUBJECT_TYPES_BY_SDN_TYPE[fields.get('sdnType') ?? ''];
    if (!subjectType) throw fail(`sdnEntry ${uid}: unknown sdnType "${fields.get('sdnType') ?? ''}"`);
    const primaryName = ofacName(fields);
    if (!primaryName) throw fail(`sdnEntry ${uid} has no lastName`);
    const title = fields.get('title');
    const remarks = [fields.get('remarks'), title && `Title: ${title}`, ...this.extraRemarks];
    return { ...entry, sourceReference: uid, subjectType, primaryName, remarks: remarks.filter(Boolean).join('\n') || null };
  }

  /** Weak aliases are in the list too, marked `category` weak (the CSV hides them in Remarks). */
  private addAlias(fields: Fields): void {
    const name = ofacName(fields);
    if (!name) return;
    const kind = ALIAS_KINDS_BY_ABBREVIATION[fields.get('type') ?? 'a.k.a.'] ?? 'AKA';
    this.entry!.aliases.push({ name, kind, strength: fields.get('category') === 'weak' ? 'WEAK' : 'STRONG' });
  }

  /** idList mixes identifiers with websites, e-mail addresses and sanction notes. */
  private addIdentifier(fields: Fields): void {
    const label = fields.get('idType') ?? '';
    const value = fields.get('idNumber') ?? '';
    if (isRemarkFeature(label)) {
      this.extraRemarks.push(`${label} ${value}`.trim());
      return;
    }
    const details = [['issued', fields.get('issueDate')], ['expires', fields.get('expirationDate')]]
      .filter(([, date]) => date)
      .map(([word, date]) => `${word} ${date}`);
    const identifier = ofacIdentifier({ label, value, country: fields.get('idCountry') ?? null, details });
    if (identifier) this.entry!.identifiers.push(identifier);
  }

  /** As in the CSV: the call sign is an identifier, the other vessel details are text. */
  private addVesselInfo(fields: Fields): void {
    const callSign = fields.get('callSign');
    if (callSign) this.entry!.identifiers.push({ type: 'OTHER', value: callSign, issuingCountry: null, note: 'Call Sign' });
    this.extraRemarks.push(...vesselLines(fields));
  }

  private addAddress(fields: Fields): void {
    const street = ['address1', 'address2', 'address3'].map((key) => fields.get(key)).filter(Boolean).join(', ');
    const address = ofacAddress({
      street: street || null,
      city: fields.get('city') || null,
      region: fields.get('stateOrProvince') || null,
      postalCode: fields.get('postalCode') || null,
      country: fields.get('country') || null,
    });
    if (address) this.entry!.addresses.push(address);
  }

  private addNationality(fields: Fields): void {
    const code = countryCode(fields.get('country'));
    if (code) addOnce(this.entry!.nationalities, code);
  }

  /** A date it cannot read is kept as a remark rather than dropped. */
  private addDateOfBirth(fields: Fields): void {
    const text = fields.get('dateOfBirth');
    if (!text) return;
    const date = ofacDateOfBirth(text);
    if (date) this.entry!.datesOfBirth.push(date);
    else this.extraRemarks.push(`DOB ${text}`);
  }
}

/** `lastName, firstName` as the CSV writes individuals; entities, vessels and aircraft have only lastName. */
function ofacName(fields: Fields): string {
  const last = fields.get('lastName') ?? '';
  const first = fields.get('firstName');
  return first ? `${last}, ${first}` : last;
}

function addPresent(list: string[], value: string | undefined): void {
  if (value) addOnce(list, value);
}

/** The flag is not a nationality (flags of convenience): vessel details stay text. */
function vesselLines(fields: Fields): string[] {
  const labels: [string, string][] = [
    ['vesselType', 'Vessel type'],
    ['vesselFlag', 'Vessel flag'],
    ['vesselOwner', 'Vessel owner'],
    ['tonnage', 'Tonnage'],
    ['grossRegisteredTonnage', 'Gross registered tonnage'],
  ];
  return labels.filter(([key]) => fields.get(key)).map(([key, label]) => `${label}: ${fields.get(key)}`);
}

import type {
  AliasKind,
  AliasStrength,
  DesignationStatus,
  IdentifierType,
  Marking,
  SubjectType,
} from '../../db/schema/index.ts';
import { isValidImoNumber, isValidMmsi, normalizeIdentifier } from '../../lib/identifiers.ts';
import { checkListSize, codeList, InputProblems, optionalText, requiredText, releasability } from '../../lib/input-errors.ts';
import { detectScript, normalizeForSearch } from '../../lib/names.ts';
import { partialDateBounds } from '../../lib/partial-dates.ts';
import type {
  AddressInput,
  AliasInput,
  CreateDesignationInput,
  DateOfBirthInput,
  IdentifierInput,
  UpdateDesignationInput,
} from './designation.types.ts';

/** Validated, normalised content of a designation, ready to store. */
export interface DesignationContent {
  subjectType: SubjectType;
  primaryName: string;
  status: DesignationStatus;
  marking: Marking;
  releasableTo: string[] | null;
  nationalities: string[];
  placesOfBirth: string[];
  programs: string[];
  legalBasis: string | null;
  rationale: string | null;
  remarks: string | null;
  effectiveFrom: string | null;
  sunsetDate: string | null;
  reviewDueDate: string | null;
  aliases: AliasDraft[];
  identifiers: IdentifierDraft[];
  addresses: AddressDraft[];
  birthDates: BirthDateDraft[];
}

export interface AliasDraft {
  name: string;
  nameNormalized: string;
  kind: AliasKind;
  strength: AliasStrength;
  script: string;
}
export interface IdentifierDraft {
  type: IdentifierType;
  value: string;
  valueNormalized: string;
  issuingCountry: string | null;
  note: string | null;
}
export interface AddressDraft {
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}
export interface BirthDateDraft {
  date: string;
  rangeEnd: string | null;
  approximate: boolean;
  earliest: string;
  latest: string;
}

export const LIMITS = {
  name: 500,
  shortText: 200,
  longText: 20_000,
  program: 64,
  aliases: 2_000,
  identifiers: 500,
  addresses: 500,
  birthDates: 50,
  listItems: 200,
} as const;

/** Statuses a create or update may set; delisting has its own operation and rules. */
const SETTABLE_STATUSES: readonly DesignationStatus[] = ['PROVISIONAL', 'ACTIVE', 'SUSPENDED'];

export function validateCreate(input: CreateDesignationInput): DesignationContent {
  const problems = new InputProblems();
  const content: DesignationContent = {
    subjectType: input.subjectType,
    primaryName: requiredText(problems, 'input.primaryName', input.primaryName, LIMITS.name),
    status: settableStatus(problems, input.status),
    marking: input.marking,
    releasableTo: releasability(problems, input.releasableTo),
    nationalities: [...new Set(input.nationalities ?? [])],
    placesOfBirth: textList(problems, 'input.placesOfBirth', input.placesOfBirth),
    programs: programs(problems, input.programs),
    legalBasis: optionalText(problems, 'input.legalBasis', input.legalBasis, LIMITS.longText),
    rationale: optionalText(problems, 'input.rationale', input.rationale, LIMITS.longText),
    remarks: optionalText(problems, 'input.remarks', input.remarks, LIMITS.longText),
    effectiveFrom: input.effectiveFrom ?? null,
    sunsetDate: input.sunsetDate ?? null,
    reviewDueDate: input.reviewDueDate ?? null,
    aliases: aliases(problems, input.aliases ?? []),
    identifiers: identifiers(problems, input.identifiers ?? []),
    addresses: addresses(problems, input.addresses ?? []),
    birthDates: birthDates(problems, input.datesOfBirth ?? []),
  };
  checkListingRules(problems, content);
  problems.throwIfAny();
  return content;
}

/**
 * Applies an update onto the current content: an omitted field is kept, null clears it, and
 * the listing rules are checked on the result.
 */
export function applyUpdate(current: DesignationContent, input: UpdateDesignationInput): DesignationContent {
  const problems = new InputProblems();
  const next: DesignationContent = { ...current };
  const cannotClear = (field: string) => problems.add(`input.${field}`, 'cannot be cleared');

  if (input.subjectType === null) cannotClear('subjectType');
  else if (input.subjectType !== undefined) next.subjectType = input.subjectType;
  if (input.primaryName === null) cannotClear('primaryName');
  else if (input.primaryName !== undefined)
    next.primaryName = requiredText(problems, 'input.primaryName', input.primaryName, LIMITS.name);
  if (input.status === null) cannotClear('status');
  else if (input.status !== undefined) next.status = settableStatus(problems, input.status);
  if (input.marking === null) cannotClear('marking');
  else if (input.marking !== undefined) next.marking = input.marking;

  if (input.releasableTo !== undefined) next.releasableTo = releasability(problems, input.releasableTo);
  if (input.nationalities !== undefined) next.nationalities = [...new Set(input.nationalities ?? [])];
  if (input.placesOfBirth !== undefined) next.placesOfBirth = textList(problems, 'input.placesOfBirth', input.placesOfBirth);
  if (input.programs !== undefined) next.programs = programs(problems, input.programs);
  if (input.legalBasis !== undefined)
    next.legalBasis = optionalText(problems, 'input.legalBasis', input.legalBasis, LIMITS.longText);
  if (input.rationale !== undefined)
    next.rationale = optionalText(problems, 'input.rationale', input.rationale, LIMITS.longText);
  if (input.remarks !== undefined) next.remarks = optionalText(problems, 'input.remarks', input.remarks, LIMITS.longText);
  if (input.effectiveFrom !== undefined) next.effectiveFrom = input.effectiveFrom;
  if (input.sunsetDate !== undefined) next.sunsetDate = input.sunsetDate;
  if (input.reviewDueDate !== undefined) next.reviewDueDate = input.reviewDueDate;
  if (input.aliases !== undefined) next.aliases = aliases(problems, input.aliases ?? []);
  if (input.identifiers !== undefined) next.identifiers = identifiers(problems, input.identifiers ?? []);
  if (input.addresses !== undefined) next.addresses = addresses(problems, input.addresses ?? []);
  if (input.datesOfBirth !== undefined) next.birthDates = birthDates(problems, input.datesOfBirth ?? []);

  checkListingRules(problems, next);
  problems.throwIfAny();
  return next;
}

export function validateDelistingReason(reason: string): string {
  const problems = new InputProblems();
  const trimmed = requiredText(problems, 'input.reason', reason, LIMITS.longText);
  problems.throwIfAny();
  return trimmed;
}

/** Rules across fields: a provisional listing must say when it lapses, and dates must be in order. */
export function checkListingRules(problems: InputProblems, c: DesignationContent): void {
  if (c.status === 'PROVISIONAL' && !c.sunsetDate) {
    problems.add('input.sunsetDate', 'a PROVISIONAL listing must carry a sunset date');
  }
  if (c.effectiveFrom && c.sunsetDate && c.sunsetDate <= c.effectiveFrom) {
    problems.add('input.sunsetDate', 'must be after effectiveFrom');
  }
  if (c.effectiveFrom && c.reviewDueDate && c.reviewDueDate < c.effectiveFrom) {
    problems.add('input.reviewDueDate', 'must not be before effectiveFrom');
  }
}

function settableStatus(problems: InputProblems, status: DesignationStatus): DesignationStatus {
  if (!SETTABLE_STATUSES.includes(status)) {
    problems.add('input.status', `must be one of ${SETTABLE_STATUSES.join(', ')}; use delistDesignation to delist`);
  }
  return status;
}

function programs(problems: InputProblems, values: readonly string[] | null | undefined): string[] {
  checkListSize(problems, 'input.programs', values, LIMITS.listItems);
  return codeList(problems, 'input.programs', values ?? [], LIMITS.program);
}

function textList(problems: InputProblems, field: string, values: readonly string[] | null | undefined): string[] {
  checkListSize(problems, field, values, LIMITS.listItems);
  return codeList(problems, field, values ?? [], LIMITS.shortText);
}

function aliases(problems: InputProblems, list: readonly AliasInput[]): AliasDraft[] {
  checkListSize(problems, 'input.aliases', list, LIMITS.aliases);
  return list.map((alias, i) => {
    const name = requiredText(problems, `input.aliases[${i}].name`, alias.name, LIMITS.name);
    if (name && normalizeForSearch(name) === '') {
      problems.add(`input.aliases[${i}].name`, 'must contain a letter or digit');
    }
    return {
      name,
      nameNormalized: normalizeForSearch(name),
      kind: alias.kind ?? 'AKA',
      strength: alias.strength ?? 'STRONG',
      script: detectScript(name),
    };
  });
}

function identifiers(problems: InputProblems, list: readonly IdentifierInput[]): IdentifierDraft[] {
  checkListSize(problems, 'input.identifiers', list, LIMITS.identifiers);
  return list.map((identifier, i) => {
    const field = `input.identifiers[${i}].value`;
    const value = requiredText(problems, field, identifier.value, LIMITS.shortText);
    const valueNormalized = normalizeIdentifier(value);
    if (value && valueNormalized === '') problems.add(field, 'must contain a letter or digit');
    if (identifier.type === 'IMO_NUMBER' && value && !isValidImoNumber(value)) {
      problems.add(field, 'is not a valid IMO number (7 digits with a correct check digit)');
    }
    if (identifier.type === 'MMSI' && value && !isValidMmsi(value)) problems.add(field, 'an MMSI has 9 digits');
    return {
      type: identifier.type,
      value,
      valueNormalized,
      issuingCountry: identifier.issuingCountry ?? null,
      note: optionalText(problems, `input.identifiers[${i}].note`, identifier.note, LIMITS.shortText),
    };
  });
}

function addresses(problems: InputProblems, list: readonly AddressInput[]): AddressDraft[] {
  checkListSize(problems, 'input.addresses', list, LIMITS.addresses);
  return list.map((address, i) => {
    const at = (part: string) => `input.addresses[${i}].${part}`;
    const draft: AddressDraft = {
      street: optionalText(problems, at('street'), address.street, LIMITS.shortText * 2),
      city: optionalText(problems, at('city'), address.city, LIMITS.shortText),
      region: optionalText(problems, at('region'), address.region, LIMITS.shortText),
      postalCode: optionalText(problems, at('postalCode'), address.postalCode, LIMITS.program),
      country: address.country ?? null,
    };
    if (Object.values(draft).every((part) => part === null)) problems.add(`input.addresses[${i}]`, 'is empty');
    return draft;
  });
}

function birthDates(problems: InputProblems, list: readonly DateOfBirthInput[]): BirthDateDraft[] {
  checkListSize(problems, 'input.datesOfBirth', list, LIMITS.birthDates);
  return list.map((dob, i) => {
    const date = dob.date.trim();
    const start = partialDateBounds(date);
    if (!start) problems.add(`input.datesOfBirth[${i}].date`, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
    const rangeEnd = dob.rangeEnd?.trim() || null;
    const end = rangeEnd === null ? start : partialDateBounds(rangeEnd);
    if (rangeEnd !== null && !end) {
      problems.add(`input.datesOfBirth[${i}].rangeEnd`, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
    }
    if (start && end && end.latest < start.earliest) {
      problems.add(`input.datesOfBirth[${i}].rangeEnd`, 'must not be before date');
    }
    return {
      date,
      rangeEnd,
      approximate: dob.approximate ?? false,
      earliest: start?.earliest ?? '',
      latest: end?.latest ?? '',
    };
  });
}

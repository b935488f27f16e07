/**
 * A designation as another hub released it (GraphQL field names, JSON values), turned into what
 * the designation repository stores. The origin's signature proves who said it, not that it fits:
 * values are checked here so a bad record stops its bundle instead of failing the transaction.
 */
import { z } from 'zod';
import { ALIAS_KINDS, ALIAS_STRENGTHS, DESIGNATION_STATUSES, IDENTIFIER_TYPES, MARKINGS, SUBJECT_TYPES } from '../../db/schema/index.ts';
import { normalizeIdentifier } from '../../lib/identifiers.ts';
import { detectScript, normalizeForSearch } from '../../lib/names.ts';
import { partialDateBounds } from '../../lib/partial-dates.ts';
import type { ReceivedDesignationContent } from '../designations/designation.repository.ts';

const text = z.string().max(20_000);
const optionalText = text.nullable().default(null);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null);
const country = z.string().regex(/^[A-Z]{2}$/).nullable().default(null);
const partialDate = z.string().refine((value) => partialDateBounds(value) !== null, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).default([]);

/** Every field is optional: only the released ones arrive. `id`, `owner` travel beside the values. */
const releasedDesignation = z.object({
  subjectType: z.enum(SUBJECT_TYPES).optional(),
  primaryName: z.string().min(1).max(500).optional(),
  status: z.enum(DESIGNATION_STATUSES).optional(),
  marking: z.enum(MARKINGS).exclude(['RED']).optional(),
  releasableTo: z.array(z.string().max(63)).max(200).nullable().default(null),
  nationalities: list(z.string().regex(/^[A-Z]{2}$/), 200),
  placesOfBirth: list(z.string().max(200), 200),
  programs: list(z.string().max(64), 200),
  legalBasis: optionalText,
  rationale: optionalText,
  remarks: optionalText,
  effectiveFrom: localDate,
  sunsetDate: localDate,
  reviewDueDate: localDate,
  delistedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  delistingReason: optionalText,
  sourceList: optionalText,
  sourceReference: optionalText,
  aliases: list(
    z.object({ name: z.string().min(1).max(500), kind: z.enum(ALIAS_KINDS).default('AKA'), strength: z.enum(ALIAS_STRENGTHS).default('STRONG') }),
    2_000,
  ),
  identifiers: list(
    z.object({ type: z.enum(IDENTIFIER_TYPES), value: z.string().min(1).max(200), issuingCountry: country, note: optionalText }),
    500,
  ),
  addresses: list(
    z.object({ street: optionalText, city: optionalText, region: optionalText, postalCode: optionalText, country }),
    500,
  ),
  datesOfBirth: list(z.object({ date: partialDate, rangeEnd: partialDate.nullable().default(null), approximate: z.boolean().default(false) }), 50),
});

export type ReceivedDesignation =
  | { readonly storable: true; readonly content: ReceivedDesignationContent }
  /** Released without what a designation cannot be kept without (its name, kind, status or marking). */
  | { readonly storable: false };

/** The content to store, or why the values are unusable (`problem` names the field). */
export function receivedDesignation(values: Readonly<Record<string, unknown>>): ReceivedDesignation | { problem: string } {
  const parsed = releasedDesignation.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `${issue.path.join('.')}: ${issue.message}` };
  }
  const v = parsed.data;
  if (v.subjectType === undefined || v.primaryName === undefined || v.status === undefined || v.marking === undefined) {
    return { storable: false };
  }
  return {
    storable: true,
    content: {
      subjectType: v.subjectType,
      primaryName: v.primaryName,
      status: v.status,
      marking: v.marking,
      releasableTo: v.releasableTo,
      nationalities: v.nationalities,
      placesOfBirth: v.placesOfBirth,
      programs: v.programs,
      legalBasis: v.legalBasis,
      rationale: v.rationale,
      remarks: v.remarks,
      effectiveFrom: v.effectiveFrom,
      sunsetDate: v.sunsetDate,
      reviewDueDate: v.reviewDueDate,
      delistedAt: v.delistedAt === null ? null : new Date(v.delistedAt),
      delistingReason: v.delistingReason,
      sourceList: v.sourceList,
      sourceReference: v.sourceReference,
      aliases: v.aliases.map((alias) => ({ ...alias, nameNormalized: normalizeForSearch(alias.name), script: detectScript(alias.name) })),
      identifiers: v.identifiers.map((identifier) => ({ ...identifier, valueNormalized: normalizeIdentifier(identifier.value) })),
      addresses: v.addresses,
      birthDates: v.datesOfBirth.map((dob) => {
        const start = partialDateBounds(dob.date)!;
        const end = dob.rangeEnd === null ? start : partialDateBounds(dob.rangeEnd)!;
        return { ...dob, earliest: start.earliest, latest: end.latest };
      }),
    },
  };
}

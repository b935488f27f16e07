import { Directive, ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ALIAS_KINDS,
  ALIAS_STRENGTHS,
  DESIGNATION_STATUSES,
  IDENTIFIER_TYPES,
  SUBJECT_TYPES,
  type AliasKind as AliasKindValue,
  type AliasStrength as AliasStrengthValue,
  type DesignationStatus as DesignationStatusValue,
  type IdentifierType as IdentifierTypeValue,
  type Marking as MarkingValue,
  type SubjectType as SubjectTypeValue,
} from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { CountryCode, DateTime, LocalDate } from '../../kernel/scalars.ts';
import { ENTITY_KEY, enumFrom, Marking, Provenance, SharedRecord } from '../../kernel/shared-types.ts';

export { Provenance };
import { Agency } from '../agencies/agency.types.ts';

export const SubjectType = enumFrom(SUBJECT_TYPES);
registerEnumType(SubjectType, { name: 'SubjectType' });
export const DesignationStatus = enumFrom(DESIGNATION_STATUSES);
registerEnumType(DesignationStatus, {
  name: 'DesignationStatus',
  description: 'PROVISIONAL listings lapse at their sunset date unless confirmed; DELISTED ones are kept for the record.',
});
export const AliasStrength = enumFrom(ALIAS_STRENGTHS);
registerEnumType(AliasStrength, {
  name: 'AliasStrength',
  description: 'WEAK ("low quality") aliases are too broad to screen on alone.',
});
export const AliasKind = enumFrom(ALIAS_KINDS);
registerEnumType(AliasKind, { name: 'AliasKind', description: 'a.k.a., formerly known as, now known as.' });
export const IdentifierType = enumFrom(IDENTIFIER_TYPES);
registerEnumType(IdentifierType, { name: 'IdentifierType' });

@ObjectType({ simpleResolvers: true })
export class Alias {
  @Field(() => String, { nullable: true })
  name!: string;

  @Field(() => AliasKind, { nullable: true })
  kind!: AliasKindValue;

  @Field(() => AliasStrength, { nullable: true })
  strength!: AliasStrengthValue;

  @Field(() => String, { nullable: true, description: 'Dominant Unicode script of the name, e.g. Cyrillic.' })
  script!: string;
}

@ObjectType({ simpleResolvers: true })
export class Identifier {
  @Field(() => IdentifierType, { nullable: true })
  type!: IdentifierTypeValue;

  @Field(() => String, { nullable: true })
  value!: string;

  @Field(() => CountryCode, { nullable: true })
  issuingCountry!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class Address {
  @Field(() => String, { nullable: true })
  street!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => CountryCode, { nullable: true })
  country!: string | null;
}

@ObjectType({ description: 'A date of birth as listed: exact, month or year only, approximate, or a range.', simpleResolvers: true })
export class DateOfBirth {
  @Field(() => String, { nullable: true, description: 'Partial ISO 8601: 1972, 1972-05 or 1972-05-03.' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'End of a range, in the same form; null for a single date.' })
  rangeEnd!: string | null;

  @Field(() => Boolean, { nullable: true })
  approximate!: boolean;

  @Field(() => LocalDate, { nullable: true, description: 'First day the stated date can mean.' })
  earliest!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the stated date can mean.' })
  latest!: string;
}

@Directive(ENTITY_KEY)
// simpleResolvers: plain properties are read by graphql-js's default resolver, with no
// type-graphql wrapper (and its per-call objects) per field of every row.
@ObjectType({ description: 'A listed entity, individual, vessel, aircraft or item.', simpleResolvers: true })
export class Designation extends SharedRecord {
  @Field(() => SubjectType, { nullable: true })
  subjectType!: SubjectTypeValue;

  @Field(() => String, { nullable: true })
  primaryName!: string;

  @Field(() => [CountryCode], { nullable: true })
  nationalities!: string[];

  @Field(() => [String], { nullable: true })
  placesOfBirth!: string[];

  @Field(() => [String], { nullable: true, description: 'Sanctions programs or regimes, e.g. SDGT, RUSSIA-EO14024.' })
  programs!: string[];

  @Field(() => String, { nullable: true })
  legalBasis!: string | null;

  @Field(() => String, { nullable: true })
  rationale!: string | null;

  @Field(() => String, { nullable: true })
  remarks!: string | null;

  @Field(() => DesignationStatus, { nullable: true })
  status!: DesignationStatusValue;

  @Field(() => LocalDate, { nullable: true })
  effectiveFrom!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When a provisional listing lapses unless confirmed.' })
  sunsetDate!: string | null;

  @Field(() => LocalDate, { nullable: true })
  reviewDueDate!: string | null;

  @Field(() => DateTime, { nullable: true })
  delistedAt!: Date | null;

  @Field(() => String, { nullable: true })
  delistingReason!: string | null;

  @Field(() => String, { nullable: true, description: 'The published list an imported record came from.' })
  sourceList!: string | null;

  @Field(() => String, { nullable: true, description: "The record's id in that list." })
  sourceReference!: string | null;

  // Resolved by DesignationResolver's field resolvers.
  owner?: Agency | null;
  aliases?: Alias[] | null;
  identifiers?: Identifier[] | null;
  addresses?: Address[] | null;
  datesOfBirth?: DateOfBirth[] | null;
  provenance?: Provenance | null;
}

export const DesignationConnection = ConnectionType('Designation', Designation);

@InputType()
export class DesignationFilter {
  @Field(() => [DesignationStatus], { nullable: true })
  status?: DesignationStatusValue[] | null;

  @Field(() => [SubjectType], { nullable: true })
  subjectType?: SubjectTypeValue[] | null;

  @Field(() => String, { nullable: true, description: 'Only designations under this program.' })
  program?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only designations of these listing authorities.' })
  owner?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Words found in the primary name or any alias, in any script.' })
  text?: string | null;

  @Field(() => DateTime, { nullable: true })
  updatedSince?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Only records past their review date (true), or not past it (false). Reads the review date only where it is released to you.' })
  reviewOverdue?: boolean | null;
}

@ArgsType()
export class DesignationsArgs extends PageArgs {
  @Field(() => DesignationFilter, { nullable: true })
  filter?: DesignationFilter | null;
}

@InputType()
export class AliasInput {
  @Field(() => String)
  name!: string;

  @Field(() => AliasKind, { defaultValue: 'AKA' })
  kind!: AliasKindValue;

  @Field(() => AliasStrength, { defaultValue: 'STRONG' })
  strength!: AliasStrengthValue;
}

@InputType()
export class IdentifierInput {
  @Field(() => IdentifierType)
  type!: IdentifierTypeValue;

  @Field(() => String)
  value!: string;

  @Field(() => CountryCode, { nullable: true })
  issuingCountry?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class AddressInput {
  @Field(() => String, { nullable: true })
  street?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => CountryCode, { nullable: true })
  country?: string | null;
}

@InputType()
export class DateOfBirthInput {
  @Field(() => String, { description: 'Partial ISO 8601: 1972, 1972-05 or 1972-05-03.' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'End of a range, same form.' })
  rangeEnd?: string | null;

  @Field(() => Boolean, { defaultValue: false })
  approximate!: boolean;
}

/** Fields a create and an update share; on update every one is optional and null clears it. */
// type-graphql copies inherited fields only from a registered input type; nothing uses this one
// directly, so it never appears in the schema.
@InputType('DesignationFields')
abstract class DesignationFields {
  @Field(() => [AliasInput], { nullable: true })
  aliases?: AliasInput[] | null;

  @Field(() => [IdentifierInput], { nullable: true })
  identifiers?: IdentifierInput[] | null;

  @Field(() => [AddressInput], { nullable: true })
  addresses?: AddressInput[] | null;

  @Field(() => [CountryCode], { nullable: true })
  nationalities?: string[] | null;

  @Field(() => [DateOfBirthInput], { nullable: true })
  datesOfBirth?: DateOfBirthInput[] | null;

  @Field(() => [String], { nullable: true })
  placesOfBirth?: string[] | null;

  @Field(() => [String], { nullable: true })
  programs?: string[] | null;

  @Field(() => String, { nullable: true })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true })
  rationale?: string | null;

  @Field(() => String, { nullable: true })
  remarks?: string | null;

  @Field(() => LocalDate, { nullable: true })
  effectiveFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Required for PROVISIONAL listings.' })
  sunsetDate?: string | null;

  @Field(() => LocalDate, { nullable: true })
  reviewDueDate?: string | null;

  @Field(() => [ID], { nullable: true })
  releasableTo?: string[] | null;
}

@InputType()
export class CreateDesignationInput extends DesignationFields {
  @Field(() => SubjectType)
  subjectType!: SubjectTypeValue;

  @Field(() => String)
  primaryName!: string;

  @Field(() => DesignationStatus, { defaultValue: 'ACTIVE', description: 'PROVISIONAL, ACTIVE or SUSPENDED.' })
  status!: DesignationStatusValue;

  @Field(() => Marking, { defaultValue: 'AMBER' })
  marking!: MarkingValue;

  @Field(() => String, {
    nullable: true,
    description: 'Makes a retried create safe: the same key returns the designation the first call made.',
  })
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateDesignationInput extends DesignationFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one on the server means CONFLICT.' })
  expectedVersion!: number;

  @Field(() => SubjectType, { nullable: true })
  subjectType?: SubjectTypeValue | null;

  @Field(() => String, { nullable: true })
  primaryName?: string | null;

  @Field(() => DesignationStatus, { nullable: true, description: 'PROVISIONAL, ACTIVE or SUSPENDED; delist with delistDesignation.' })
  status?: DesignationStatusValue | null;

  @Field(() => Marking, { nullable: true })
  marking?: MarkingValue | null;
}

@InputType()
export class DelistDesignationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String)
  reason!: string;
}

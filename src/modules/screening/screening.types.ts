import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ADJUDICATION_DISPOSITIONS,
  type AdjudicationDisposition as AdjudicationDispositionValue,
  type AliasStrength as AliasStrengthValue,
  type IdentifierType as IdentifierTypeValue,
  type Marking as MarkingValue,
  type SubjectType as SubjectTypeValue,
} from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { CountryCode, DateTime } from '../../kernel/scalars.ts';
import { enumFrom, Marking, SharedRecord } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
import { AliasStrength, Designation, IdentifierType, SubjectType } from '../designations/designation.types.ts';
import type { FeatureAgreement as FeatureAgreementValue, ScoreFeature as ScoreFeatureValue } from './match-scoring.ts';

export const FeatureAgreement = enumFrom(['AGREES', 'DISAGREES', 'UNKNOWN'] as const);
registerEnumType(FeatureAgreement, {
  name: 'FeatureAgreement',
  description: 'Whether what the party states agrees with the designation; UNKNOWN when either side is silent (or the field is not released to you).',
});
export const ScoreFeature = enumFrom(['WEAK_ALIAS', 'DATE_OF_BIRTH', 'COUNTRY', 'SUBJECT_TYPE', 'IDENTIFIER', 'SCORE_CAP'] as const);
registerEnumType(ScoreFeature, {
  name: 'ScoreFeature',
  description: 'SCORE_CAP: the adjustments would have lifted an inexact name to 1 or above; only an identical name or an equal identifier scores 1.',
});
export const AdjudicationDisposition = enumFrom(ADJUDICATION_DISPOSITIONS);
registerEnumType(AdjudicationDisposition, { name: 'AdjudicationDisposition', description: 'FALSE_POSITIVE: reviewed, not the listed subject.' });

@InputType()
export class PartyIdentifierInput {
  @Field(() => IdentifierType, { nullable: true, description: 'When omitted, the value matches a listed identifier of any type.' })
  type?: IdentifierTypeValue | null;

  @Field(() => String)
  value!: string;
}

@InputType({ description: 'A name to screen, with what else is known of its holder.' })
export class PartyInput {
  @Field(() => String)
  name!: string;

  @Field(() => SubjectType, { nullable: true })
  type?: SubjectTypeValue | null;

  @Field(() => CountryCode, { nullable: true, description: 'Nationality, or country of registration or address.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Partial ISO 8601: 1972, 1972-05 or 1972-05-03.' })
  dateOfBirth?: string | null;

  @Field(() => [PartyIdentifierInput], { nullable: true })
  identifiers?: PartyIdentifierInput[] | null;
}

@InputType({ description: 'Overrides of the default weights (see docs/screening.md); each between 0 and 0.5, identifierMatch between 0.5 and 1.' })
export class ScreeningWeightsInput {
  @Field(() => Float, { nullable: true })
  weakAlias?: number | null;

  @Field(() => Float, { nullable: true })
  dateOfBirthAgrees?: number | null;

  @Field(() => Float, { nullable: true })
  dateOfBirthDisagrees?: number | null;

  @Field(() => Float, { nullable: true })
  countryAgrees?: number | null;

  @Field(() => Float, { nullable: true })
  countryDisagrees?: number | null;

  @Field(() => Float, { nullable: true })
  subjectTypeDiffers?: number | null;

  @Field(() => Float, { nullable: true })
  identifierMatch?: number | null;
}

@ObjectType({ description: 'What one feature added to or took from a score.' })
export class ScoreAdjustment {
  @Field(() => ScoreFeature)
  feature!: ScoreFeatureValue;

  @Field(() => Float)
  points!: number;

  @Field(() => String)
  reason!: string;
}

@ObjectType({ description: 'Why a designation matched: each feature compared, and what it did to the score.' })
export class MatchExplanation {
  @Field(() => Float, { description: 'Similarity of the party name and the matched name, 0–1.' })
  nameSimilarity!: number;

  @Field(() => Float, { description: 'Share of words found exactly in both names.' })
  tokenOverlap!: number;

  @Field(() => AliasStrength)
  matchedNameStrength!: AliasStrengthValue;

  @Field(() => String, { nullable: true, description: 'The party identifier the designation lists, if any.' })
  identifierMatched!: string | null;

  @Field(() => FeatureAgreement)
  dateOfBirth!: FeatureAgreementValue;

  @Field(() => FeatureAgreement)
  country!: FeatureAgreementValue;

  @Field(() => FeatureAgreement)
  subjectType!: FeatureAgreementValue;

  @Field(() => [ScoreAdjustment])
  adjustments!: ScoreAdjustment[];
}

@ObjectType()
export class ScreeningMatch {
  @Field(() => Designation, { description: 'Its fields are released per your agreements, like everywhere else.' })
  designation!: unknown;

  @Field(() => String, { description: 'The primary name or alias that matched.' })
  matchedName!: string;

  @Field(() => Float, { description: '0–1; reported at or above the threshold.' })
  score!: number;

  @Field(() => MatchExplanation)
  explanation!: MatchExplanation;
}

@ObjectType({ description: 'A reviewed decision that a hit is not the party screened.' })
export class ScreeningAdjudication extends SharedRecord {
  @Field(() => Agency, { nullable: true, description: 'The agency whose analyst reviewed the hit.' })
  owner!: unknown;

  @Field(() => String, { nullable: true })
  partyName!: string;

  @Field(() => String, { nullable: true })
  partyCountry!: string | null;

  @Field(() => String, { nullable: true })
  partyDateOfBirth!: string | null;

  @Field(() => Designation, { nullable: true, description: 'Null also when the designation is not visible to you.' })
  designation!: unknown;

  @Field(() => String, { nullable: true })
  matchedName!: string;

  @Field(() => AdjudicationDisposition, { nullable: true })
  disposition!: AdjudicationDispositionValue;

  @Field(() => Boolean, { nullable: true, description: 'False once withdrawn: the hit is then reported again.' })
  active!: boolean;

  @Field(() => DateTime, { nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'The reviewing analyst (token subject).' })
  reviewedBy!: string;
}

@ObjectType({ description: 'A hit not reported because it was adjudicated for this party.' })
export class SuppressedMatch {
  @Field(() => ScreeningMatch)
  match!: ScreeningMatch;

  @Field(() => [ScreeningAdjudication], { description: 'The adjudications that suppress it (yours or shared with you).' })
  adjudications!: unknown[];
}

@ObjectType()
export class ScreeningResult {
  @Field(() => Int, { description: 'Position of the party in the input.' })
  index!: number;

  @Field(() => String, { description: 'The party name as screened.' })
  name!: string;

  @Field(() => String, {
    description: 'Which designations were screened against (`designations@<digest>`, a digest of the id and version of every in-force designation you may see): equal versions mean the same list; it moves only when one of those designations changes, never with records you cannot see.',
  })
  listVersion!: string;

  @Field(() => Float)
  threshold!: number;

  @Field(() => [ScreeningMatch], { description: 'Highest score first; at most 50 (see `truncated`).' })
  matches!: ScreeningMatch[];

  @Field(() => Boolean, { description: 'Whether more designations matched at or above the threshold than `matches` reports.' })
  truncated!: boolean;

  @Field(() => Int, { description: 'How many more designations matched at or above the threshold than `matches` reports (0 unless truncated).' })
  moreMatches!: number;

  @Field(() => [SuppressedMatch])
  suppressed!: SuppressedMatch[];
}

@InputType()
export class AdjudicateMatchInput {
  @Field(() => PartyInput, { description: 'The party as screened; its name, date of birth and country identify it in later screenings.' })
  party!: PartyInput;

  @Field(() => ID)
  designationId!: string;

  @Field(() => String, { description: 'The name that matched, as reported.' })
  matchedName!: string;

  @Field(() => String, { description: 'Why the hit is not this party.' })
  reason!: string;

  @Field(() => Marking, { defaultValue: 'AMBER' })
  marking!: MarkingValue;

  @Field(() => [String], { nullable: true })
  releasableTo?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A retried submission with the same key returns the first result.' })
  idempotencyKey?: string | null;
}

@InputType()
export class WithdrawAdjudicationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@ArgsType()
export class AdjudicationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  designationId?: string | null;

  @Field(() => PartyInput, { nullable: true, description: 'Only adjudications of this party.' })
  party?: PartyInput | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

export const ScreeningAdjudicationConnection = ConnectionType('ScreeningAdjudication', ScreeningAdjudication);

import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  END_USE_CHECK_KINDS,
  END_USE_OUTCOMES,
  type EndUseOutcome as EndUseOutcomeValue,
  type Marking as MarkingValue,
} from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { CountryCode, LocalDate } from '../../kernel/scalars.ts';
import { enumFrom, GoodsLine, Marking, SharedRecord } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
import { END_USE_CHECK_STATUSES, type AdverseOutcome, type EndUseCheckStatusValue } from './end-use-check.validation.ts';

export type EndUseCheckKindValue = (typeof END_USE_CHECK_KINDS)[number];

export const EndUseCheckKind = enumFrom(END_USE_CHECK_KINDS);
registerEnumType(EndUseCheckKind, {
  name: 'EndUseCheckKind',
  description: 'Before the license is granted (pre-license check) or after the goods arrived (post-shipment verification).',
});
export const EndUseOutcome = enumFrom(END_USE_OUTCOMES);
registerEnumType(EndUseOutcome, {
  name: 'EndUseOutcome',
  description: 'UNVERIFIABLE: the party could not be found or would not receive the officers.',
});
export const EndUseCheckStatus = enumFrom(END_USE_CHECK_STATUSES);
registerEnumType(EndUseCheckStatus, { name: 'EndUseCheckStatus', description: 'COMPLETED once the performing agency recorded an outcome.' });

@ObjectType({ description: 'An item of the license, as the check carries it for the officers on site.' })
export class EndUseCheckItem extends GoodsLine {}

// Every field but id is nullable: field-level authorization may withhold any of them.
@ObjectType({
  description:
    'A check one agency asks another (usually at the destination) to perform on a party of a license application. Owned by the requesting agency; the performing agency sees it whole.',
})
export class EndUseCheck extends SharedRecord {
  @Field(() => EndUseCheckKind, { nullable: true })
  kind!: EndUseCheckKindValue;

  @Field(() => String, { nullable: true, description: 'Copied from the application when the check was requested.' })
  partyName!: string;

  @Field(() => String, { nullable: true })
  partyCountry!: string | null;

  @Field(() => String, { nullable: true })
  partyAddress!: string | null;

  @Field(() => CountryCode, { nullable: true, description: 'Where the licensed goods go; copied from the application when the check was requested.' })
  destinationCountry!: string | null;

  @Field(() => [EndUseCheckItem], {
    nullable: true,
    description: 'The licensed goods, copied from the application when the check was requested: what the officers look for on site.',
  })
  items!: EndUseCheckItem[];

  @Field(() => String, { nullable: true, description: 'What the requesting agency asks the officers to look at.' })
  instructions!: string | null;

  @Field(() => EndUseOutcome, { nullable: true, description: 'Null until the performing agency records it.' })
  outcome!: EndUseOutcomeValue | null;

  @Field(() => LocalDate, { nullable: true })
  outcomeDate!: string | null;

  @Field(() => String, { nullable: true, description: 'The performing agency user who recorded the outcome.' })
  completedBy!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the officers found; released to third agencies only by an agreement naming the findings group.',
  })
  findings!: string | null;

  // Resolved by EndUseCheckResolver's field resolvers.
  owner?: Agency | null;
  performingAgency?: Agency | null;
  status?: EndUseCheckStatusValue | null;
}

export const EndUseCheckConnection = ConnectionType('EndUseCheck', EndUseCheck);

@ObjectType({
  description:
    'A party an agency could not verify or found unfavourable in an end-use check: a red flag when it appears on a license application.',
})
export class UnverifiedParty extends SharedRecord {
  @Field(() => String, { nullable: true })
  name!: string;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => EndUseOutcome, { nullable: true })
  outcome!: AdverseOutcome;

  // Resolved by UnverifiedPartyResolver's field resolvers.
  owner?: Agency | null;
  endUseCheck?: EndUseCheck | null;
}

export const UnverifiedPartyConnection = ConnectionType('UnverifiedParty', UnverifiedParty);

@ArgsType()
export class EndUseChecksArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only checks on this license application.' })
  applicationId?: string | null;

  @Field(() => EndUseCheckStatus, { nullable: true })
  status?: EndUseCheckStatusValue | null;
}

/** The check belongs to the caller's agency, which must own the application. */
@InputType()
export class RequestEndUseCheckInput {
  @Field(() => ID, { description: 'A license application of your agency.' })
  applicationId!: string;

  @Field(() => Int, { description: 'The position of the party on the application.' })
  partyPosition!: number;

  @Field(() => EndUseCheckKind)
  kind!: EndUseCheckKindValue;

  @Field(() => ID, { description: 'The agency asked to perform the check; not your own.' })
  performingAgencyId!: string;

  @Field(() => String, { nullable: true })
  instructions?: string | null;

  @Field(() => Marking, { defaultValue: 'AMBER' })
  marking!: MarkingValue;

  @Field(() => [ID], { nullable: true })
  releasableTo?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Makes a retried request safe: the same key returns the check the first call made.',
  })
  idempotencyKey?: string | null;
}

/** Recorded once, by the performing agency. */
@InputType()
export class RecordEndUseOutcomeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one on the server means CONFLICT.' })
  expectedVersion!: number;

  @Field(() => EndUseOutcome)
  outcome!: EndUseOutcomeValue;

  @Field(() => LocalDate, { description: 'When the check was carried out; not in the future.' })
  outcomeDate!: string;

  @Field(() => String, { nullable: true, description: 'Required for UNFAVORABLE and UNVERIFIABLE.' })
  findings?: string | null;
}

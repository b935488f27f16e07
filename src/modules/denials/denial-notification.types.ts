import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  type DenialReasonCategory as DenialReasonCategoryValue,
  type Marking as MarkingValue,
  type PartyIdentifierValue,
} from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { DateTime, LocalDate } from '../../kernel/scalars.ts';
import { Marking, SharedRecord } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
// One enum for the application's denial reason and the notified one: registered by the licenses capability.
import { DenialReason } from '../licenses/license.types.ts';


@ObjectType({ description: "An identifier of a denied party, as the denying agency's application gave it." })
export class DenialPartyIdentifier {
  @Field(() => String, { nullable: true, description: 'Passport, registration number, IMO number…; null when untyped.' })
  type!: string | null;

  @Field(() => String, { nullable: true })
  value!: string;
}

// Every field but id is nullable: field-level authorization may withhold any of them.
@ObjectType({
  description: 'A license denial notified to partners: the denied party, the classifications, the reason. Drives "no undercut" consultations.',
})
export class DenialNotification extends SharedRecord {
  @Field(() => String, { nullable: true, description: 'The denied party (by default the end user).' })
  partyName!: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, as the application gave it.' })
  partyCountry!: string | null;

  @Field(() => [DenialPartyIdentifier], { nullable: true })
  partyIdentifiers!: PartyIdentifierValue[];

  @Field(() => [String], { nullable: true, description: 'Classification codes of the denied items.' })
  controlListCodes!: string[];

  @Field(() => DenialReason, { nullable: true })
  reasonCategory!: DenialReasonCategoryValue;

  @Field(() => LocalDate, { nullable: true })
  deniedOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day partners are asked to consult before licensing essentially the same.' })
  validUntil!: string;

  @Field(() => DateTime, { nullable: true, description: 'Set when the denying agency withdrew the notification.' })
  revokedAt!: Date | null;

  // Resolved by DenialNotificationResolver.
  owner?: Agency | null;
}

export const DenialNotificationConnection = ConnectionType('DenialNotification', DenialNotification);

@ArgsType()
export class DenialNotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only notifications not revoked and still valid today.' })
  activeOnly?: boolean | null;
}

/** The notification belongs to the caller's agency, which must own the denied application. */
@InputType()
export class NotifyDenialInput {
  @Field(() => ID, { description: 'A DENIED or APPEAL_UPHELD application of your agency.' })
  applicationId!: string;

  @Field(() => Int, { nullable: true, description: 'The party denied; default: the first END_USER.' })
  partyPosition?: number | null;

  @Field(() => LocalDate, { description: 'After today, at most ten years ahead.' })
  validUntil!: string;

  @Field(() => Marking, { defaultValue: 'AMBER' })
  marking!: MarkingValue;

  @Field(() => [ID], { nullable: true })
  releasableTo?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Makes a retried notification safe: the same key returns the notification the first call made.',
  })
  idempotencyKey?: string | null;
}

@InputType()
export class RevokeDenialNotificationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one on the server means CONFLICT.' })
  expectedVersion!: number;
}

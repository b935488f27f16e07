import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CONSULTATION_STATUSES } from '../../db/schema/index.ts';
import { PageArgs, PageInfo } from '../../kernel/connection.ts';
import { DateTime } from '../../kernel/scalars.ts';
import { enumFrom } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
import { DenialNotification } from './denial-notification.types.ts';
import { CONSULTATION_ANSWERS, type ConsultationAnswer } from './undercut-rule.ts';

export const DenialConsultationStatus = enumFrom(CONSULTATION_STATUSES);
export type DenialConsultationStatusValue = (typeof CONSULTATION_STATUSES)[number];
registerEnumType(DenialConsultationStatus, { name: 'DenialConsultationStatus' });
export const ConsultationAnswerEnum = enumFrom(CONSULTATION_ANSWERS);
registerEnumType(ConsultationAnswerEnum, { name: 'ConsultationAnswer', description: 'The denying agency\'s position on an essentially identical application.' });

/**
 * Only ever returned to the two agencies it names, so it is readable whole by them; the denial
 * it refers to is a record of its own, released by its owner's agreements.
 */
@ObjectType({
  description:
    "A \"no undercut\" consultation: an application of the consulting agency essentially matches the denying agency's notified denial.",
})
export class DenialConsultation {
  @Field(() => ID)
  id!: string;

  @Field(() => DenialConsultationStatus)
  status!: DenialConsultationStatusValue;

  @Field(() => ID, { description: "The consulting agency's application: an id only, its own agreements decide the rest." })
  applicationId!: string;

  @Field(() => Float, { description: 'How closely the party matched the denied party, 0–1.' })
  matchScore!: number;

  @Field(() => String, { nullable: true, description: "The denying agency's answer, in its words." })
  response!: string | null;

  @Field(() => ConsultationAnswerEnum, { nullable: true, description: 'UPHELD (the denying agency objects) or NO_OBJECTION; null until answered.' })
  answer!: ConsultationAnswer | null;

  @Field(() => String, { nullable: true, description: 'The denying agency user who answered.' })
  answeredBy!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The consulting application\'s party that matched the denial: what the denying agency needs to answer, released to it by the consultation.',
  })
  partyName!: string | null;

  @Field(() => String, { nullable: true })
  partyCountry!: string | null;

  @Field(() => [String], { nullable: true, description: "The consulting application's control-list classifications." })
  controlListCodes!: string[] | null;

  @Field(() => String, { nullable: true, description: "The consulting application's declared end use." })
  endUse!: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'When the consulting agency approved despite this consultation (open, or its denial upheld): the denying agency is told here.',
  })
  overriddenAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who approved despite the consultation (agency:user).' })
  overriddenBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the consulting agency approved despite the consultation.' })
  overrideReason!: string | null;

  @Field(() => DateTime)
  requestedAt!: Date;

  @Field(() => DateTime, { nullable: true })
  answeredAt!: Date | null;

  // Resolved by DenialConsultationResolver.
  consultingAgency?: Agency;
  denyingAgency?: Agency;
  denial?: DenialNotification | null;
}

@ObjectType()
export class DenialConsultationEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => DenialConsultation)
  node!: DenialConsultation;
}

/** Consultations carry no change sequence: paged by (requestedAt, id), see denial-consultation.repository.ts. */
@ObjectType()
export class DenialConsultationConnection {
  @Field(() => [DenialConsultationEdge])
  edges!: DenialConsultationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many consultations match the filter, across all pages.' })
  totalCount!: number;
}

@ArgsType()
export class DenialConsultationsArgs extends PageArgs {
  @Field(() => DenialConsultationStatus, { nullable: true })
  status?: DenialConsultationStatusValue | null;
}

@InputType()
export class AnswerDenialConsultationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ConsultationAnswerEnum, { description: 'UPHELD: the denial stands and the denying agency objects; NO_OBJECTION: it does not object.' })
  answer!: ConsultationAnswer;

  @Field(() => String, { description: 'What the denying agency tells the consulting one; sent once.' })
  response!: string;
}

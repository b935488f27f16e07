import { Directive, ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  DENIAL_REASON_CATEGORIES,
  ESCALATION_KINDS,
  PARTY_ROLE_VALUES,
  REVIEW_LANE_VALUES,
  type DenialReasonCategory,
  type EscalationKind as EscalationKindValue,
  type Marking as MarkingValue,
  type PartyRoleValue,
} from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { CountryCode, DateTime, LocalDate } from '../../kernel/scalars.ts';
import { ENTITY_KEY, enumFrom, GoodsLine, Marking, SharedRecord } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
import { IdentifierType } from '../designations/designation.types.ts';
import type { ReviewLane } from './license-workflow.ts';
import { HISTORY_ACTIONS, type HistoryAction as LicenseActionValue } from './license-events.ts';
import { ESCALATION_RESOLUTIONS, RECOMMENDED_ACTIONS, type EscalationResolution } from './escalation-resolution.ts';
import { LICENSE_STATES, type LicenseState as LicenseStateValue } from '../../db/schema/license-enums.ts';
import { TRANSITION_REASON_CODES, type TransitionReasonCode as TransitionReasonCodeValue } from './transition-reasons.ts';

export const LicenseState = enumFrom(LICENSE_STATES);
registerEnumType(LicenseState, { name: 'LicenseState', description: 'Where an application is in the workflow (see docs/architecture.md).' });
export const LicenseAction = enumFrom(HISTORY_ACTIONS);
registerEnumType(LicenseAction, {
  name: 'LicenseAction',
  description:
    'Workflow moves, and events recorded in the history without a move (overrideConsultation, answerConsultation, acknowledgeEscalation; these have their own mutations).',
});
export const ReviewLaneEnum = enumFrom(REVIEW_LANE_VALUES);
registerEnumType(ReviewLaneEnum, { name: 'ReviewLane' });
export const PartyRole = enumFrom(PARTY_ROLE_VALUES);
registerEnumType(PartyRole, { name: 'LicensePartyRole' });
export const DenialReason = enumFrom(DENIAL_REASON_CATEGORIES);
registerEnumType(DenialReason, { name: 'DenialReasonCategory' });
export const EscalationKind = enumFrom(ESCALATION_KINDS);
registerEnumType(EscalationKind, { name: 'EscalationKind' });
export const RecommendedActionEnum = enumFrom(RECOMMENDED_ACTIONS);
registerEnumType(RecommendedActionEnum, { name: 'RecommendedAction', description: 'What a finding on a granted license recommends the officer do.' });
export const EscalationResolutionEnum = enumFrom(ESCALATION_RESOLUTIONS);
registerEnumType(EscalationResolutionEnum, {
  name: 'EscalationResolution',
  description: 'How an officer closed an escalation: FALSE_POSITIVE (not the party), RISK_ACCEPTED (looked at, no action), ACTION_TAKEN (suspended, revoked, denied or conditioned).',
});
export const TransitionReasonCode = enumFrom(TRANSITION_REASON_CODES);
registerEnumType(TransitionReasonCode, {
  name: 'TransitionReasonCode',
  description:
    'Why a move was made: RISK_ASSESSMENT (routed by the risk score), ESCALATION (a finding), EXPIRY, OFFICER_RATIONALE, APPEAL_GROUNDS, CONSULTATION (answered or overridden), ACKNOWLEDGEMENT (an escalation closed).',
});

@ObjectType()
export class LicensePartyIdentifier {
  @Field(() => IdentifierType, { nullable: true })
  type!: string | null;

  @Field(() => String)
  value!: string;
}

@ObjectType()
export class LicenseItem extends GoodsLine {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;
}

@Directive(ENTITY_KEY)
@ObjectType()
export class LicenseParty {
  @Field(() => ID, { description: 'The application id and the party position: stable, as parties never change after the draft.' })
  id!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => PartyRole)
  role!: PartyRoleValue;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => [LicensePartyIdentifier])
  identifiers!: LicensePartyIdentifier[];
}

@ObjectType({ description: 'One contributing factor of a risk score.' })
export class RiskFactor {
  @Field(() => String, { description: 'DESTINATION_TIER, PARTY_COUNTRY_TIER, ITEM_SENSITIVITY, SANCTIONS_MATCH, UNVERIFIED_PARTY, DENIAL_UNDERCUT, RED_FLAG.' })
  code!: string;

  @Field(() => Int)
  points!: number;

  @Field(() => String, { description: 'In words quoting only what is released to you: the parties, items or referenced records you may not see are not named.' })
  description!: string;

  @Field(() => String, { description: 'What it is about: DESTINATION, PARTY_COUNTRY, ITEM, PARTY or APPLICATION.' })
  subject!: string;

  @Field(() => Int, { nullable: true, description: 'The party or item position, for PARTY and ITEM factors.' })
  position!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The record behind the finding: designation, unverified-list entry, denial or threat entry id; null when that record is not released to you.',
  })
  reference!: string | null;
}

@ObjectType({ description: 'One list a screening looked at.' })
export class ScreenedList {
  @Field(() => String, { description: 'The agency that owns the designations.' })
  owner!: string;

  @Field(() => String, { nullable: true, description: 'The published list they were imported from; null for designations entered directly.' })
  sourceList!: string | null;

  @Field(() => String, { nullable: true, description: 'The edition of the list as last imported (YYYY-MM-DD).' })
  edition!: string | null;

  @Field(() => Int, { description: 'How many of its designations were candidates (visible to the licensing agency and in force).' })
  candidates!: number;
}

@ObjectType({ description: 'What one screening of the application was screened against, and when.' })
export class LicenseScreening {
  @Field(() => String, { description: 'What set it off: SUBMISSION.' })
  occasion!: string;

  @Field(() => String)
  listVersion!: string;

  @Field(() => [ScreenedList], {
    description: 'The lists in view, by owner and source list. To a partner, only its own lists: which others the licensing agency sees is not its to know.',
  })
  lists!: ScreenedList[];

  @Field(() => Int, { nullable: true, description: 'Designations that were candidates across every list; null to a partner.' })
  candidateDesignations!: number | null;

  @Field(() => DateTime)
  at!: Date;
}

@ObjectType({ description: 'Who moved the application, when and why.' })
export class LicenseTransition {
  @Field(() => LicenseAction)
  action!: LicenseActionValue;

  @Field(() => LicenseState, { nullable: true })
  fromState!: LicenseStateValue | null;

  @Field(() => LicenseState)
  toState!: LicenseStateValue;

  @Field(() => String)
  actorAgencyId!: string;

  @Field(() => String, { description: 'The officer (token subject), or interlock:… for moves the hub makes by itself (screening, routing, escalation, expiry).' })
  actorUserId!: string;

  @Field(() => String, { nullable: true, description: 'For a move the hub made by itself: the agency of the officer whose action set it off.' })
  triggeredByAgencyId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For a move the hub made by itself: the officer whose action set it off (the submitting officer for screening and routing, the officer who recorded an adverse end-use outcome, the officer who granted an expired license); null for officers’ own moves and for listing changes.',
  })
  triggeredByUserId!: string | null;

  @Field(() => TransitionReasonCode, { nullable: true, description: 'Null for moves that record no reason (submit, start screening).' })
  reasonCode!: TransitionReasonCodeValue | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The words of the reason; they quote the risk score, the escalations, the expiry date, the decision rationale or the appeal grounds (by reasonCode), and are null unless those are released to you.',
  })
  reason!: string | null;

  @Field(() => DateTime)
  at!: Date;
}

@ObjectType({ description: 'A finding after submission that an officer must look at.' })
export class LicenseEscalation {
  @Field(() => ID)
  id!: string;

  @Field(() => EscalationKind)
  kind!: EscalationKindValue;

  @Field(() => Int, { nullable: true })
  partyPosition!: number | null;

  @Field(() => ID, { nullable: true })
  designationId!: string | null;

  @Field(() => ID, { nullable: true })
  denialNotificationId!: string | null;

  @Field(() => ID, { nullable: true })
  endUseCheckId!: string | null;

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => String, { description: 'What was found, in words quoting only what is released to you.' })
  detail!: string;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => RecommendedActionEnum, { nullable: true, description: 'On a granted license: what the re-scoring recommends (SUSPEND or REVIEW).' })
  recommendedAction!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When an officer closed it; null while it is open.' })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who closed it (agency:user).' })
  acknowledgedBy!: string | null;

  @Field(() => EscalationResolutionEnum, { nullable: true })
  resolution!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the officer closed it as they did.' })
  acknowledgementReason!: string | null;
}

@Directive(ENTITY_KEY)
@ObjectType({ description: 'A license application, owned by the licensing agency that received it.' })
export class LicenseApplication extends SharedRecord {
  @Field(() => Agency, { nullable: true })
  owner!: unknown;

  @Field(() => String, { nullable: true, description: 'Human-readable reference: owner and the start of the id.' })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'The exporter.' })
  applicantName!: string;

  @Field(() => CountryCode, { nullable: true })
  applicantCountry!: string | null;

  @Field(() => CountryCode, { nullable: true })
  destinationCountry!: string;

  @Field(() => String, { nullable: true, description: 'The declared end use.' })
  endUse!: string;

  @Field(() => LicenseState, { nullable: true })
  state!: LicenseStateValue;

  @Field(() => ReviewLaneEnum, { nullable: true })
  lane!: ReviewLane | null;

  @Field(() => [LicenseItem], { nullable: true })
  items!: unknown;

  @Field(() => [LicenseParty], { nullable: true })
  parties!: unknown;

  @Field(() => Int, { nullable: true, description: '0–100, from the last screening.' })
  riskScore!: number | null;

  @Field(() => [RiskFactor], { nullable: true })
  riskFactors!: unknown;

  @Field(() => String, { nullable: true, description: 'The designation list version the parties were screened against.' })
  screenedListVersion!: string | null;

  @Field(() => [LicenseScreening], {
    nullable: true,
    description: 'Every screening of the application: which lists (owner, source list, edition) and how many designations were candidates, the list version and the time. Read with the risk factors: NO_SANCTIONS_LIST when there was none.',
  })
  screenings!: unknown;

  @Field(() => [LicenseEscalation], { nullable: true })
  escalations!: unknown;

  @Field(() => RecommendedActionEnum, {
    nullable: true,
    description: 'For a granted license with open escalations: the strongest action they recommend (SUSPEND over REVIEW); null when none is open.',
  })
  recommendedAction!: string | null;

  @Field(() => String, { nullable: true })
  decisionRationale!: string | null;

  @Field(() => [String], { nullable: true })
  conditions!: string[];

  @Field(() => [String], { nullable: true })
  oversightConditions!: string[];

  @Field(() => DenialReason, { nullable: true })
  denialReason!: DenialReasonCategory | null;

  @Field(() => LocalDate, { nullable: true })
  reviewDate!: string | null;

  @Field(() => LocalDate, { nullable: true })
  expiresOn!: string | null;

  @Field(() => DateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  appealGrounds!: string | null;

  @Field(() => [LicenseTransition], { nullable: true })
  transitions!: unknown;
}

@InputType()
export class LicenseItemInput {
  @Field(() => String, { description: 'Control-list classification, e.g. 3A001.b.4 or ML8.' })
  controlListCode!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Float)
  quantity!: number;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => Float, { nullable: true })
  value?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217.' })
  currency?: string | null;
}

@InputType()
export class LicensePartyIdentifierInput {
  @Field(() => IdentifierType, { nullable: true })
  type?: string | null;

  @Field(() => String)
  value!: string;
}

@InputType()
export class LicensePartyInput {
  @Field(() => PartyRole)
  role!: PartyRoleValue;

  @Field(() => String)
  name!: string;

  @Field(() => CountryCode)
  country!: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => [LicensePartyIdentifierInput], { nullable: true })
  identifiers?: LicensePartyIdentifierInput[] | null;
}

@InputType()
export class CreateLicenseApplicationInput {
  @Field(() => String)
  applicantName!: string;

  @Field(() => CountryCode, { nullable: true })
  applicantCountry?: string | null;

  @Field(() => CountryCode)
  destinationCountry!: string;

  @Field(() => String)
  endUse!: string;

  @Field(() => [LicenseItemInput])
  items!: LicenseItemInput[];

  @Field(() => [LicensePartyInput], { description: 'At least one END_USER.' })
  parties!: LicensePartyInput[];

  @Field(() => Marking, { defaultValue: 'AMBER' })
  marking!: MarkingValue;

  @Field(() => [String], { nullable: true })
  releasableTo?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A retried submission with the same key returns the first result.' })
  idempotencyKey?: string | null;
}

@InputType()
export class SubmitLicenseApplicationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A retried submission with the same key returns the first result.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'An officer or applicant action; only the fields the action takes may be given.' })
export class LicenseActionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => LicenseAction)
  action!: LicenseActionValue;

  @Field(() => String, { nullable: true })
  rationale?: string | null;

  @Field(() => [String], { nullable: true })
  conditions?: string[] | null;

  @Field(() => [String], { nullable: true })
  oversightConditions?: string[] | null;

  @Field(() => LocalDate, { nullable: true })
  reviewDate?: string | null;

  @Field(() => LocalDate, { nullable: true })
  expiresOn?: string | null;

  @Field(() => DenialReason, { nullable: true })
  denialReason?: DenialReasonCategory | null;

  @Field(() => String, { nullable: true, description: 'For an appeal: the applicant’s grounds.' })
  appealGrounds?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For an approval while a "no undercut" consultation is open or its denial upheld: why the officer approves regardless. Recorded, and shown to the denying agency on the consultation.',
  })
  consultationOverrideReason?: string | null;
}

@ArgsType()
export class LicenseApplicationsArgs extends PageArgs {
  @Field(() => [LicenseState], { nullable: true })
  state?: LicenseStateValue[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those with (true) or without (false) an escalation no officer has acknowledged yet.' })
  hasOpenEscalations?: boolean | null;

  @Field(() => EscalationKind, { nullable: true, description: 'Only those with an open escalation of this kind.' })
  escalationReason?: EscalationKindValue | null;

  @Field(() => [ReviewLaneEnum], { nullable: true })
  lane?: ReviewLane[] | null;

  @Field(() => Int, { nullable: true, description: 'Only those whose risk score is at least this.' })
  riskAtLeast?: number | null;

  @Field(() => String, { nullable: true, description: 'Only those with a party whose name contains this text (ignoring case).' })
  party?: string | null;
}

@InputType({ description: 'Closes an escalation: how, and why. The application version you read; a newer one is CONFLICT.' })
export class AcknowledgeEscalationInput {
  @Field(() => ID, { description: 'The escalation.' })
  id!: string;

  @Field(() => Int, { description: 'The version of the license application you read.' })
  expectedVersion!: number;

  @Field(() => EscalationResolutionEnum)
  resolution!: EscalationResolution;

  @Field(() => String)
  reason!: string;
}

export const LicenseApplicationConnection = ConnectionType('LicenseApplication', LicenseApplication);

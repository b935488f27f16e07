import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Marking as MarkingValue } from '../../db/schema/index.ts';
import { DateTime } from '../../kernel/scalars.ts';
import { Marking } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';

@ObjectType({ description: 'A condition a record must meet to be shared under a grant.' })
export class AgreementCondition {
  @Field(() => String, { description: 'Record attribute, e.g. status.' })
  attribute!: string;

  @Field(() => [String])
  values!: string[];
}

@ObjectType({ description: 'What one agreement releases of one record type.' })
export class AgreementGrant {
  @Field(() => String, { description: 'Record type: Designation, ThreatEntry, ControlListEntry.' })
  type!: string;

  @Field(() => [String], { description: 'Fields released (groups expanded).' })
  fields!: string[];

  @Field(() => Marking, { description: 'Highest marking released under this grant.' })
  ceiling!: MarkingValue;

  @Field(() => [AgreementCondition])
  conditions!: AgreementCondition[];
}

@ObjectType({ description: 'A sharing agreement from policies/agreements, as recorded by the hub (visible to its parties).' })
export class SharingAgreement {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Recorded version: each change to the file adds one.' })
  version!: number;

  @Field(() => String)
  title!: string;

  @Field(() => Agency, { nullable: true })
  grantor!: Agency | null;

  @Field(() => [Agency])
  grantees!: Agency[];

  @Field(() => [String])
  purposes!: string[];

  @Field(() => DateTime)
  validFrom!: Date;

  @Field(() => DateTime, { nullable: true, description: 'End of validity (exclusive).' })
  validUntil!: Date | null;

  @Field(() => DateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether it releases anything now.' })
  inForce!: boolean;

  @Field(() => [AgreementGrant])
  grants!: AgreementGrant[];
}

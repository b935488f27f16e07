import { Directive, ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  CONTROL_ENTRY_STATUSES,
  type ControlEntryStatus as ControlEntryStatusValue,
  type Marking as MarkingValue,
} from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { DateTime, LocalDate } from '../../kernel/scalars.ts';
import { ENTITY_KEY, enumFrom, Marking, SharedRecord } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';

export const ControlEntryStatus = enumFrom(CONTROL_ENTRY_STATUSES);
registerEnumType(ControlEntryStatus, {
  name: 'ControlEntryStatus',
  description: 'SUPERSEDED entries were replaced by a newer classification; REVOKED ones no longer control anything.',
});

// Every field but id is nullable: field-level authorization may withhold any of them.
@Directive(ENTITY_KEY)
@ObjectType({ description: 'An entry of a control list, e.g. the dual-use classification 3A001.B.4.' })
export class ControlListEntry extends SharedRecord {
  @Field(() => String, { nullable: true, description: 'Upper case, e.g. 3A001.B.4.' })
  classificationCode!: string;

  @Field(() => String, { nullable: true })
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], { nullable: true, description: 'Reasons for control as the regimes abbreviate them: NS, MT, NP, CB, AT, …' })
  controlReasons!: string[];

  @Field(() => ControlEntryStatus, { nullable: true })
  status!: ControlEntryStatusValue;

  @Field(() => Boolean, { nullable: true, description: 'A temporary national control, which lapses at its sunset date unless renewed.' })
  provisional!: boolean;

  @Field(() => LocalDate, { nullable: true })
  sunsetDate!: string | null;

  @Field(() => LocalDate, { nullable: true })
  reviewDate!: string | null;

  // Resolved by ControlListResolver's field resolver.
  owner?: Agency | null;
}

export const ControlListEntryConnection = ConnectionType('ControlListEntry', ControlListEntry);

@InputType()
export class ControlListEntryFilter {
  @Field(() => [ControlEntryStatus], { nullable: true })
  status?: ControlEntryStatusValue[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only entries of these agencies.' })
  owner?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A classification code prefix (3A001) or words found in the title, case-insensitive.',
  })
  text?: string | null;

  @Field(() => Boolean, { nullable: true })
  provisional?: boolean | null;

  @Field(() => DateTime, { nullable: true })
  updatedSince?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Only records past their review date (true), or not past it (false). Reads the review date only where it is released to you.' })
  reviewOverdue?: boolean | null;
}

@ArgsType()
export class ControlListEntriesArgs extends PageArgs {
  @Field(() => ControlListEntryFilter, { nullable: true })
  filter?: ControlListEntryFilter | null;
}

/** Fields a create and an update share; on update null clears them. */
// type-graphql 2 copies a superclass's fields only when the superclass is a registered input
// type; no operation takes this one, so it never appears in the schema itself.
@InputType('ControlListEntryFields')
abstract class ControlListEntryFields {
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  controlReasons?: string[] | null;

  @Field(() => LocalDate, { nullable: true, description: 'Required for provisional controls.' })
  sunsetDate?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Must not be after the sunset date.' })
  reviewDate?: string | null;

  @Field(() => [ID], { nullable: true })
  releasableTo?: string[] | null;
}

/** The entry belongs to the caller's agency. */
@InputType()
export class CreateControlListEntryInput extends ControlListEntryFields {
  @Field(() => String, { description: 'Stored upper case; unique per owning agency.' })
  classificationCode!: string;

  @Field(() => String)
  title!: string;

  @Field(() => ControlEntryStatus, { defaultValue: 'ACTIVE' })
  status!: ControlEntryStatusValue;

  @Field(() => Boolean, { defaultValue: false })
  provisional!: boolean;

  @Field(() => Marking, { defaultValue: 'AMBER' })
  marking!: MarkingValue;

  @Field(() => String, {
    nullable: true,
    description: 'Makes a retried create safe: the same key returns the entry the first call made.',
  })
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateControlListEntryInput extends ControlListEntryFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one on the server means CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  classificationCode?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => ControlEntryStatus, { nullable: true })
  status?: ControlEntryStatusValue | null;

  @Field(() => Boolean, { nullable: true })
  provisional?: boolean | null;

  @Field(() => Marking, { nullable: true })
  marking?: MarkingValue | null;
}

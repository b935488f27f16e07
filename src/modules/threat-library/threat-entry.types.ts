import { Directive, ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  THREAT_ENTRY_KINDS,
  THREAT_ENTRY_STATUSES,
  type Marking as MarkingValue,
  type ThreatEntryKind as ThreatEntryKindValue,
  type ThreatEntryStatus as ThreatEntryStatusValue,
} from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { DateTime } from '../../kernel/scalars.ts';
import { ENTITY_KEY, enumFrom, Marking, SharedRecord } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ControlListEntry } from '../control-list/control-list.types.ts';

export const ThreatEntryKind = enumFrom(THREAT_ENTRY_KINDS);
registerEnumType(ThreatEntryKind, {
  name: 'ThreatEntryKind',
  description: 'Technology of concern, red flag of a suspicious transaction, typology of evasion, or diversion route.',
});
export const ThreatEntryStatus = enumFrom(THREAT_ENTRY_STATUSES);
registerEnumType(ThreatEntryStatus, { name: 'ThreatEntryStatus' });

// Every field but id is nullable: field-level authorization may withhold any of them.
@Directive(ENTITY_KEY)
@ObjectType({ description: 'An entry of the shared threat library, linked to the controls it concerns.' })
export class ThreatEntry extends SharedRecord {
  @Field(() => ThreatEntryKind, { nullable: true })
  kind!: ThreatEntryKindValue;

  @Field(() => String, { nullable: true })
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string;

  @Field(() => [String], { nullable: true, description: 'Observable signs an officer can check, one per item.' })
  indicators!: string[];

  @Field(() => ThreatEntryStatus, { nullable: true })
  status!: ThreatEntryStatusValue;

  // Resolved by ThreatEntryResolver's field resolvers.
  owner?: Agency | null;
  controlListEntries?: ControlListEntry[] | null;
}

export const ThreatEntryConnection = ConnectionType('ThreatEntry', ThreatEntry);

@InputType()
export class ThreatEntryFilter {
  @Field(() => [ThreatEntryKind], { nullable: true })
  kind?: ThreatEntryKindValue[] | null;

  @Field(() => [ThreatEntryStatus], { nullable: true })
  status?: ThreatEntryStatusValue[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only entries of these agencies.' })
  owner?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Words found in the title or the description, case-insensitive.' })
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only entries linked to this control-list entry.' })
  controlListEntryId?: string | null;

  @Field(() => DateTime, { nullable: true })
  updatedSince?: Date | null;
}

@ArgsType()
export class ThreatEntriesArgs extends PageArgs {
  @Field(() => ThreatEntryFilter, { nullable: true })
  filter?: ThreatEntryFilter | null;
}

/** Fields a create and an update share; on update null clears them. */
// type-graphql 2 copies a superclass's fields only when the superclass is a registered input
// type; no operation takes this one, so it never appears in the schema itself.
@InputType('ThreatEntryFields')
abstract class ThreatEntryFields {
  @Field(() => [String], { nullable: true })
  indicators?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The control-list entries it concerns, in this order.' })
  controlListEntryIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  releasableTo?: string[] | null;
}

/** The entry belongs to the caller's agency. */
@InputType()
export class CreateThreatEntryInput extends ThreatEntryFields {
  @Field(() => ThreatEntryKind)
  kind!: ThreatEntryKindValue;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => ThreatEntryStatus, { defaultValue: 'ACTIVE' })
  status!: ThreatEntryStatusValue;

  @Field(() => Marking, { defaultValue: 'AMBER' })
  marking!: MarkingValue;

  @Field(() => String, {
    nullable: true,
    description: 'Makes a retried create safe: the same key returns the entry the first call made.',
  })
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateThreatEntryInput extends ThreatEntryFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one on the server means CONFLICT.' })
  expectedVersion!: number;

  @Field(() => ThreatEntryKind, { nullable: true })
  kind?: ThreatEntryKindValue | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ThreatEntryStatus, { nullable: true })
  status?: ThreatEntryStatusValue | null;

  @Field(() => Marking, { nullable: true })
  marking?: MarkingValue | null;
}

import { ArgsType, createUnionType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RECORD_TYPES, type RecordType as RecordTypeName } from '../../policy/catalogue.ts';
import { enumFrom } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ControlListEntry } from '../control-list/control-list.types.ts';
import { DenialNotification } from '../denials/denial-notification.types.ts';
import { Designation } from '../designations/designation.types.ts';
import { EndUseCheck, UnverifiedParty } from '../end-use-checks/end-use-check.types.ts';
import { LicenseApplication } from '../licenses/license.types.ts';
import { ScreeningAdjudication } from '../screening/screening.types.ts';
import { ThreatEntry } from '../threat-library/threat-entry.types.ts';
import { DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE } from './changes-cursor.ts';

export const RecordType = enumFrom(RECORD_TYPES);
registerEnumType(RecordType, { name: 'RecordType', description: 'The kinds of shared record.' });

export const ChangeKind = enumFrom(['UPSERT', 'WITHDRAWAL'] as const);
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'UPSERT: the record as you may see it now. WITHDRAWAL: a record you may have held and may no longer see.',
});

/** Which record type each row handed to GraphQL is: a union member is resolved by it. */
const rowTypes = new WeakMap<object, RecordTypeName>();
export function asChangedRecord<Row extends object>(type: RecordTypeName, row: Row): Row {
  rowTypes.set(row, type);
  return row;
}

/** The same object types the record queries return, so each field is released exactly as there. */
export const ChangedRecord = createUnionType({
  name: 'ChangedRecord',
  types: () => [Designation, ThreatEntry, ControlListEntry, ScreeningAdjudication, LicenseApplication, DenialNotification, EndUseCheck, UnverifiedParty] as const,
  resolveType: (row) => rowTypes.get(row as object),
});

@ObjectType({ description: 'One entry of your change feed.' })
export class Change {
  @Field(() => ChangeKind)
  kind!: keyof typeof ChangeKind;

  @Field(() => RecordType)
  type!: RecordTypeName;

  @Field(() => ID)
  id!: string;

  @Field(() => Agency, { nullable: true, description: 'The owning agency.' })
  owner!: Agency | null | Promise<Agency | null>;

  @Field(() => Int, { description: 'UPSERT: the version now. WITHDRAWAL: the last version you may have held.' })
  version!: number;

  @Field(() => ChangedRecord, { nullable: true, description: 'UPSERT: the record, each field released as a query of it would release it. WITHDRAWAL: null.' })
  record!: object | null;
}

@ObjectType({ description: 'One page of your change feed.' })
export class ChangesPage {
  @Field(() => [Change], { description: 'Oldest first: first what an agreement change made different, then what changed since your cursor.' })
  changes!: Change[];

  @Field(() => String, { description: 'Opaque; pass it as `after` for the next page. It only opens for your agency and the same `types`.' })
  cursor!: string;

  @Field(() => Boolean, { description: 'Whether another page is ready now.' })
  hasMore!: boolean;
}

@ArgsType()
export class ChangesArgs {
  @Field(() => String, { nullable: true, description: 'The `cursor` of a previous page; from the beginning when omitted.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Most changes on the page: ${DEFAULT_CHANGES_PAGE} when omitted, at most ${MAX_CHANGES_PAGE}.` })
  first?: number | null;

  @Field(() => [RecordType], { nullable: true, description: 'Only these record types; all when omitted.' })
  types?: RecordTypeName[] | null;
}

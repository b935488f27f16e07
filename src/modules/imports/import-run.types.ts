import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IMPORT_RUN_STATUSES, type ImportRunStatus as ImportRunStatusValue } from '../../db/schema/index.ts';
import { ConnectionType, PageArgs } from '../../kernel/connection.ts';
import { DateTime } from '../../kernel/scalars.ts';
import { enumFrom } from '../../kernel/shared-types.ts';

export const ImportRunStatus = enumFrom(IMPORT_RUN_STATUSES);
registerEnumType(ImportRunStatus, {
  name: 'ImportRunStatus',
  description:
    'COMPLETED; REFUSED (nothing written: wrong format, no entries, older edition, mass delisting); FAILED (malformed input); ' +
    'CANCELLED (by its user) or INTERRUPTED (the hub stopped) after a committed batch, resumed by the same import; RUNNING.',
});

@ObjectType({ description: 'What an import applied, or would have.' })
export class ImportRunCounts {
  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  delisted!: number;

  @Field(() => Int)
  unchanged!: number;
}

@ObjectType({ description: 'An element or column of the file the importer does not know: kept in the remarks of the entries that had it.' })
export class ImportWarning {
  @Field(() => String)
  field!: string;

  @Field(() => Int, { description: 'Entries that had it.' })
  entries!: number;
}

/** Only ever returned to the agency that imported (owns) the list, so it is readable whole by it. */
@ObjectType({ description: 'One import of a published list into designations your agency owns.' })
export class ImportRun {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The list: UN-SC, OFAC-SDN, OFAC-CONS, UK-OFSI, CA-SEMA, EU-FSF.' })
  list!: string;

  @Field(() => String, { nullable: true, description: 'The format it was read as (`interlock import <format>`).' })
  format!: string | null;

  @Field(() => String)
  fileName!: string;

  @Field(() => String, { description: 'SHA-256 of the file (of the files, for a folder).' })
  fileHash!: string;

  @Field(() => String, { nullable: true, description: 'The edition applied, YYYY-MM-DD.' })
  edition!: string | null;

  @Field(() => String, { nullable: true, description: 'STATED by the file, GIVEN with --edition, or the NEWEST_DATE_IN_FILE.' })
  editionBasis!: string | null;

  @Field(() => ImportRunStatus)
  status!: ImportRunStatusValue;

  @Field(() => Int, { description: 'Entries committed so far: a resumed run continues after them.' })
  position!: number;

  @Field(() => Int, { nullable: true, description: 'Distinct entries in the file.' })
  entries!: number | null;

  @Field(() => ImportRunCounts)
  counts!: ImportRunCounts;

  @Field(() => [ImportWarning])
  warnings!: ImportWarning[];

  @Field(() => String, { nullable: true, description: 'The stable code of the error or refusal, e.g. WRONG_FORMAT, OLDER_EDITION, MASS_DELISTING.' })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => DateTime)
  startedAt!: Date;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;
}

export const ImportRunConnection = ConnectionType('ImportRun', ImportRun);

@ArgsType()
export class ImportRunsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only runs of this list.' })
  list?: string | null;
}

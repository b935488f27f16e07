import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumFrom } from '../../kernel/shared-types.ts';
import { DateTime } from '../../kernel/scalars.ts';

export const CellDisclosure = enumFrom(['PUBLISHED', 'PRIMARY', 'COMPLEMENTARY', 'WITHHELD'] as const);
registerEnumType(CellDisclosure, {
  name: 'CellDisclosure',
  description:
    'PUBLISHED: the count is shown. PRIMARY: a count under the threshold, suppressed. COMPLEMENTARY: suppressed so that a primary one cannot be worked out from totals. WITHHELD: the total of a table withheld whole (see StatisticsTable.withheld).',
});

export const ReportPeriodKind = enumFrom(['MONTH', 'QUARTER'] as const);
registerEnumType(ReportPeriodKind, { name: 'ReportPeriodKind' });

@ObjectType({ description: 'One published count, or the mark of a suppressed one.' })
export class StatisticsCell {
  @Field(() => Int, { nullable: true, description: 'Null where suppressed or withheld.' })
  value!: number | null;

  @Field(() => String, { description: 'As printed: the count, "<5" (under the threshold), "x" (suppressed to protect another cell) or "withheld".' })
  display!: string;

  @Field(() => CellDisclosure)
  disclosure!: string;
}

@ObjectType()
export class StatisticsRow {
  @Field(() => String)
  label!: string;

  @Field(() => [StatisticsCell], { description: 'In the order of the table\'s columns.' })
  cells!: StatisticsCell[];

  @Field(() => StatisticsCell)
  total!: StatisticsCell;
}

@ObjectType({ description: 'Counts by two keys, with row and column totals; or, where no suppression would protect its small counts, withheld whole.' })
export class StatisticsTable {
  @Field(() => String)
  key!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the table is withheld, or null when it is published. A withheld table has no columns, rows or column totals, and its total is WITHHELD: a small count in it could be worked out whatever was suppressed, or the table would let such a table of another period be worked out.',
  })
  withheld!: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  rowHeading!: string;

  @Field(() => String)
  columnHeading!: string;

  @Field(() => [String])
  columns!: string[];

  @Field(() => [StatisticsRow])
  rows!: StatisticsRow[];

  @Field(() => [StatisticsCell])
  columnTotals!: StatisticsCell[];

  @Field(() => StatisticsCell)
  total!: StatisticsCell;
}

@ObjectType({ description: 'Days from submission to a first-instance decision; no figures below the threshold.' })
export class DecisionTimes {
  @Field(() => String, { description: 'A review lane, or ALL.' })
  lane!: string;

  @Field(() => Float, { nullable: true })
  medianDays!: number | null;

  @Field(() => Float, { nullable: true, description: 'Nearest-rank 90th percentile.' })
  percentile90Days!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the figures are missing.' })
  note!: string | null;
}

@ObjectType({ description: 'Public aggregates for one calendar month or quarter; small counts suppressed.' })
export class TransparencyReport {
  @Field(() => String)
  period!: string;

  @Field(() => ReportPeriodKind)
  kind!: string;

  @Field(() => DateTime, { description: 'First instant of the period (UTC).' })
  start!: Date;

  @Field(() => DateTime, { description: 'First instant after the period (UTC).' })
  end!: Date;

  @Field(() => Int, { description: 'Counts from 1 to threshold−1 are suppressed.' })
  threshold!: number;

  @Field(() => DateTime)
  generatedAt!: Date;

  @Field(() => [StatisticsTable])
  tables!: StatisticsTable[];

  @Field(() => [DecisionTimes])
  decisionTimes!: DecisionTimes[];
}

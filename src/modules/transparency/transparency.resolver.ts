import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../kernel/context.ts';
import { PublicOperation } from '../../policy/operation-policy.ts';
import type { TransparencyReportData } from './transparency.service.ts';
import { TransparencyReport } from './transparency.types.ts';

@Resolver(() => TransparencyReport)
export class TransparencyResolver {
  @Query(() => TransparencyReport, {
    description:
      'Public aggregates for a closed calendar month ("2026-11") or quarter ("2026-Q3"): designations added, delisted and lapsed, licence decisions, time to decision, end-use check outcomes, denials notified. Needs no token. Also at /transparency (HTML), /transparency.json and /transparency.csv.',
  })
  @PublicOperation()
  async transparencyReport(@Arg('period', () => String) period: string, @Ctx() ctx: AppContext): Promise<TransparencyReport> {
    return toGraphQL(await ctx.services.transparency.report(period));
  }
}

export function toGraphQL(report: TransparencyReportData): TransparencyReport {
  return {
    period: report.period.label,
    kind: report.period.kind,
    start: report.period.start,
    end: report.period.end,
    threshold: report.threshold,
    generatedAt: report.generatedAt,
    tables: report.tables.map((t) => ({ ...t, columns: [...t.columns], rows: t.rows.map((r) => ({ ...r, cells: [...r.cells] })), columnTotals: [...t.columnTotals] })),
    decisionTimes: [...report.decisionTimes],
  };
}

import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { ImportRun, ImportRunConnection, ImportRunsArgs } from './import-run.types.ts';

@Resolver(() => ImportRun)
export class ImportRunResolver {
  @Query(() => ImportRunConnection, {
    description: 'Imports of published lists into designations your agency owns, newest first: status, edition, counts and error.',
  })
  @AuthenticatedOperation()
  importRuns(@Args(() => ImportRunsArgs) args: ImportRunsArgs, @Ctx() ctx: AppContext) {
    return ctx.services.imports.list(requireViewer(ctx), args);
  }
}

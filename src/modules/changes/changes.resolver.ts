import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import { asChangedRecord, ChangesArgs, ChangesPage } from './changes.types.ts';

@Resolver(() => ChangesPage)
export class ChangesResolver {
  @Query(() => ChangesPage, {
    description:
      'The changes of the records you may see, after your cursor: records as you may see them now, and withdrawals of records you may no longer see.',
  })
  @AuthenticatedOperation()
  async changes(@Args(() => ChangesArgs) args: ChangesArgs, @Ctx() ctx: AppContext): Promise<ChangesPage> {
    const page = await ctx.services.changes.changesFor(requireViewer(ctx), args);
    return {
      cursor: page.cursor,
      hasMore: page.hasMore,
      changes: page.changes.map((change) => ({
        kind: change.kind,
        type: change.type,
        id: change.id,
        owner: ownerOf(ctx, change.owner),
        version: change.version,
        record: change.record && asChangedRecord(change.type, change.record),
      })),
    };
  }
}

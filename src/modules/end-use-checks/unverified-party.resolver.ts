import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { UnverifiedPartyRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';
import { linkedRecords } from '../../kernel/loaders.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { PageArgs } from '../../kernel/connection.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import { EndUseCheck, UnverifiedParty, UnverifiedPartyConnection } from './end-use-check.types.ts';

@Resolver(() => UnverifiedParty)
export class UnverifiedPartyResolver {
  @Query(() => UnverifiedPartyConnection, {
    description: 'Entries of your unverified-parties list and of those shared with you, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.',
  })
  @AuthenticatedOperation()
  unverifiedParties(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: AppContext) {
    return ctx.services.endUseChecks.listUnverified(requireViewer(ctx), args);
  }

  @Query(() => UnverifiedParty)
  @AuthenticatedOperation()
  unverifiedParty(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.endUseChecks.getUnverified(requireViewer(ctx), id);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency whose list it is: the one that requested the check.' })
  owner(@Root() row: UnverifiedPartyRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }

  @FieldResolver(() => EndUseCheck, { nullable: true, description: 'The check that listed the party; null also when it is not visible to you.' })
  endUseCheck(@Root() row: UnverifiedPartyRow, @Ctx() ctx: AppContext) {
    return linkedRecords(ctx, 'EndUseCheck', (viewer, ids) => ctx.services.endUseChecks.visibleByIds(viewer, ids)).load(row.endUseCheckId);
  }
}

import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ScreeningAdjudicationRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { linkedRecords } from '../../kernel/loaders.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import { Designation } from '../designations/designation.types.ts';
import {
  AdjudicateMatchInput,
  AdjudicationsArgs,
  PartyInput,
  ScreeningAdjudication,
  ScreeningAdjudicationConnection,
  ScreeningResult,
  ScreeningWeightsInput,
  WithdrawAdjudicationInput,
} from './screening.types.ts';

@Resolver(() => ScreeningAdjudication)
export class ScreeningResolver {
  @Query(() => [ScreeningResult], {
    description:
      'Screens up to 1000 parties against the designations you may see; results in input order. Hits adjudicated for a party (by you, or shared with you) are listed under `suppressed`.',
  })
  @AuthenticatedOperation()
  screen(
    @Arg('input', () => [PartyInput]) input: PartyInput[],
    @Arg('threshold', () => Float, { nullable: true, description: 'Report matches scoring at least this (0.5–1); the default is in docs/screening.md.' })
    threshold: number | null,
    @Arg('weights', () => ScreeningWeightsInput, { nullable: true }) weights: ScreeningWeightsInput | null,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.services.screening.screen(requireViewer(ctx), input, threshold, weights);
  }

  @Query(() => ScreeningAdjudicationConnection, { description: 'Adjudications you made or that are shared with you, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.' })
  @AuthenticatedOperation()
  screeningAdjudications(@Args(() => AdjudicationsArgs) args: AdjudicationsArgs, @Ctx() ctx: AppContext) {
    return ctx.services.screening.listAdjudications(requireViewer(ctx), args);
  }

  @Query(() => ScreeningAdjudication)
  @AuthenticatedOperation()
  screeningAdjudication(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.screening.getAdjudication(requireViewer(ctx), id);
  }

  @Mutation(() => ScreeningAdjudication, {
    description: 'Records that a hit is a false positive for a party: later screenings of that party suppress it, and partners it is shared with too.',
  })
  @RoleOperation(...WRITER_ROLES.ScreeningAdjudication)
  adjudicateMatch(@Arg('input', () => AdjudicateMatchInput) input: AdjudicateMatchInput, @Ctx() ctx: AppContext) {
    return ctx.services.screening.adjudicate(requireViewer(ctx), input);
  }

  @Mutation(() => ScreeningAdjudication, { description: 'Withdraws an adjudication: the hit is reported again.' })
  @RoleOperation(...WRITER_ROLES.ScreeningAdjudication)
  withdrawAdjudication(@Arg('input', () => WithdrawAdjudicationInput) input: WithdrawAdjudicationInput, @Ctx() ctx: AppContext) {
    return ctx.services.screening.withdrawAdjudication(requireViewer(ctx), input);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency whose analyst reviewed the hit.' })
  owner(@Root() row: ScreeningAdjudicationRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }

  @FieldResolver(() => Designation, { nullable: true, description: 'Null also when the designation is not visible to you.' })
  designation(@Root() row: ScreeningAdjudicationRow, @Ctx() ctx: AppContext) {
    return linkedRecords(ctx, 'Designation', (viewer, ids) => ctx.services.designations.visibleByIds(viewer, ids)).load(row.designationId);
  }
}

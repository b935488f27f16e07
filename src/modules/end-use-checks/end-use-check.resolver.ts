import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EndUseCheckRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { OUTCOME_ROLES } from '../../policy/participation.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { linkedRecords } from '../../kernel/loaders.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import { LicenseApplication } from '../licenses/license.types.ts';
import {
  EndUseCheck,
  EndUseCheckConnection,
  EndUseChecksArgs,
  EndUseCheckStatus,
  RecordEndUseOutcomeInput,
  RequestEndUseCheckInput,
} from './end-use-check.types.ts';
import { statusOf } from './end-use-check.validation.ts';

@Resolver(() => EndUseCheck)
export class EndUseCheckResolver {
  @Query(() => EndUseCheckConnection, {
    description: 'End-use checks you requested, were asked to perform, or that are shared with you, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.',
  })
  @AuthenticatedOperation()
  endUseChecks(@Args(() => EndUseChecksArgs) args: EndUseChecksArgs, @Ctx() ctx: AppContext) {
    return ctx.services.endUseChecks.list(requireViewer(ctx), args);
  }

  @Query(() => EndUseCheck)
  @AuthenticatedOperation()
  endUseCheck(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.endUseChecks.get(requireViewer(ctx), id);
  }

  @Mutation(() => EndUseCheck, { description: 'Asks a partner agency to check a party of one of your license applications.' })
  @RoleOperation(...WRITER_ROLES.EndUseCheck)
  requestEndUseCheck(@Arg('input', () => RequestEndUseCheckInput) input: RequestEndUseCheckInput, @Ctx() ctx: AppContext) {
    return ctx.services.endUseChecks.request(requireViewer(ctx), input);
  }

  @Mutation(() => EndUseCheck, {
    description:
      'The performing agency records the outcome, once. UNFAVORABLE or UNVERIFIABLE lists the party on the requesting agency’s unverified list and escalates the license.',
  })
  @RoleOperation(...OUTCOME_ROLES)
  recordEndUseOutcome(@Arg('input', () => RecordEndUseOutcomeInput) input: RecordEndUseOutcomeInput, @Ctx() ctx: AppContext) {
    return ctx.services.endUseChecks.recordOutcome(requireViewer(ctx), input);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The requesting agency, which owns the check.' })
  owner(@Root() row: EndUseCheckRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }

  @FieldResolver(() => Agency, { nullable: true })
  performingAgency(@Root() row: EndUseCheckRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.performingAgencyId);
  }

  @FieldResolver(() => LicenseApplication, {
    nullable: true,
    description: 'The license application whose party is checked; null also when it is not visible to you.',
  })
  application(@Root() row: EndUseCheckRow, @Ctx() ctx: AppContext) {
    return linkedRecords(ctx, 'LicenseApplication', (viewer, ids) => ctx.services.licenses.visibleByIds(viewer, ids)).load(row.applicationId);
  }

  @FieldResolver(() => EndUseCheckStatus, { nullable: true })
  status(@Root() row: EndUseCheckRow) {
    return statusOf(row);
  }
}

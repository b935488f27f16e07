import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { LicenseApplicationRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { recordReference } from '../../kernel/references.ts';
import { Agency } from '../agencies/agency.types.ts';
import { DenialConsultation } from '../denials/denial-consultation.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import {
  AcknowledgeEscalationInput,
  CreateLicenseApplicationInput,
  LicenseActionInput,
  LicenseApplication,
  LicenseApplicationConnection,
  LicenseApplicationsArgs,
  LicenseEscalation,
  LicenseItem,
  LicenseParty,
  LicenseScreening,
  LicenseTransition,
  RiskFactor,
  SubmitLicenseApplicationInput,
} from '../licenses/license.types.ts';
import { licenseChildren } from './license.loaders.ts';
import { formatReference } from '../licenses/license-reference.ts';

@Resolver(() => LicenseApplication)
export class LicenseResolver {
  @Query(() => LicenseApplicationConnection, { description: 'License applications you own or that are shared with you, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.' })
  @AuthenticatedOperation()
  licenseApplications(@Args(() => LicenseApplicationsArgs) args: LicenseApplicationsArgs, @Ctx() ctx: AppContext) {
    return ctx.services.licenses.list(requireViewer(ctx), args);
  }

  @Query(() => LicenseApplication, {
    description: 'One application, by id or by its reference (e.g. DE-BAFA-3E34190F); give exactly one. A reference not released to you finds nothing.',
  })
  @AuthenticatedOperation()
  licenseApplication(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('reference', () => String, { nullable: true }) reference: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.services.licenses.lookup(requireViewer(ctx), { id, reference });
  }

  @Mutation(() => LicenseApplication, { description: 'Records an application as a DRAFT, owned by your agency.' })
  @RoleOperation(...WRITER_ROLES.LicenseApplication)
  createLicenseApplication(@Arg('input', () => CreateLicenseApplicationInput) input: CreateLicenseApplicationInput, @Ctx() ctx: AppContext) {
    return ctx.services.licenses.create(requireViewer(ctx), input);
  }

  @Mutation(() => LicenseApplication, {
    description: 'Submits a DRAFT: it is screened, risk-scored and routed to FAST_TRACK, STANDARD_REVIEW or ESCALATED in one step.',
  })
  @RoleOperation(...WRITER_ROLES.LicenseApplication)
  submitLicenseApplication(@Arg('input', () => SubmitLicenseApplicationInput) input: SubmitLicenseApplicationInput, @Ctx() ctx: AppContext) {
    return ctx.services.licenses.submit(requireViewer(ctx), input);
  }

  @Mutation(() => LicenseApplication, {
    description: 'Any other workflow move (decide, appeal, suspend, revoke, …). An illegal move is a CONFLICT naming the current state.',
  })
  @RoleOperation(...WRITER_ROLES.LicenseApplication)
  actOnLicenseApplication(@Arg('input', () => LicenseActionInput) input: LicenseActionInput, @Ctx() ctx: AppContext) {
    return ctx.services.licenses.act(requireViewer(ctx), input);
  }

  @Mutation(() => LicenseApplication, {
    description:
      'Closes an open escalation with a resolution and a reason, against the application version you read (CONFLICT if it changed or the escalation is closed); recorded in the history.',
  })
  @RoleOperation(...WRITER_ROLES.LicenseApplication)
  acknowledgeEscalation(@Arg('input', () => AcknowledgeEscalationInput) input: AcknowledgeEscalationInput, @Ctx() ctx: AppContext) {
    return ctx.services.licenses.acknowledgeEscalation(requireViewer(ctx), input);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The licensing agency that received the application.' })
  owner(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }

  @FieldResolver(() => String, { nullable: true })
  reference(@Root() row: LicenseApplicationRow) {
    return formatReference(row.ownerAgencyId, row.id);
  }

  @FieldResolver(() => String, { nullable: true })
  screenedListVersion(@Root() row: LicenseApplicationRow) {
    return row.screenedAt;
  }

  @FieldResolver(() => [LicenseScreening], { nullable: true })
  screenings(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    return licenseChildren(ctx).findings.screenings(row);
  }

  @FieldResolver(() => [RiskFactor], { nullable: true })
  riskFactors(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    return licenseChildren(ctx).findings.riskFactors(row);
  }

  @FieldResolver(() => [LicenseItem], { nullable: true })
  async items(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    const items = await licenseChildren(ctx).items.load(row.id);
    return items.map((item) => ({ ...item, quantity: Number(item.quantity), value: item.value === null ? null : Number(item.value) }));
  }

  @FieldResolver(() => [LicenseParty], { nullable: true })
  parties(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    return licenseChildren(ctx).parties.load(row.id);
  }

  @FieldResolver(() => [LicenseTransition], { nullable: true })
  transitions(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    return licenseChildren(ctx).findings.transitions(row);
  }

  @FieldResolver(() => [DenialConsultation], {
    nullable: true,
    description: 'No-undercut consultations on this application with the agencies whose denials it matches: only those naming your agency.',
  })
  consultations(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    return licenseChildren(ctx).consultations.load(row.id);
  }

  @FieldResolver(() => [LicenseEscalation], { nullable: true })
  escalations(@Root() row: LicenseApplicationRow, @Ctx() ctx: AppContext) {
    return licenseChildren(ctx).findings.escalations(row);
  }
}

/** Federation: an application another subgraph references, resolved as the caller may see it. */
export const licenseApplicationReference = recordReference('LicenseApplication', (services, viewer, ids) => services.licenses.visibleByIds(viewer, ids));

import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DenialConsultationRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { perRequest } from '../../kernel/context.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import { Agency } from '../agencies/agency.types.ts';
import {
  AnswerDenialConsultationInput,
  DenialConsultation,
  DenialConsultationConnection,
  DenialConsultationsArgs,
} from './denial-consultation.types.ts';
import { DenialNotification } from './denial-notification.types.ts';

const loaders = (ctx: AppContext) =>
  perRequest(ctx, 'denials.notifications', () => ctx.services.denials.createLoaders(requireViewer(ctx).access));

@Resolver(() => DenialConsultation)
export class DenialConsultationResolver {
  @Query(() => DenialConsultationConnection, { description: 'Consultations on denials where your agency consults or denied, oldest first.' })
  @AuthenticatedOperation()
  denialConsultations(@Args(() => DenialConsultationsArgs) args: DenialConsultationsArgs, @Ctx() ctx: AppContext) {
    return ctx.services.denials.listConsultations(requireViewer(ctx), args);
  }

  @Mutation(() => DenialConsultation, { description: 'The denying agency answers a consultation, once.' })
  @RoleOperation(...WRITER_ROLES.DenialNotification)
  answerDenialConsultation(@Arg('input', () => AnswerDenialConsultationInput) input: AnswerDenialConsultationInput, @Ctx() ctx: AppContext) {
    return ctx.services.denials.answerConsultation(requireViewer(ctx), input);
  }

  @FieldResolver(() => Agency)
  consultingAgency(@Root() row: DenialConsultationRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.consultingAgencyId);
  }

  @FieldResolver(() => Agency)
  denyingAgency(@Root() row: DenialConsultationRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.denyingAgencyId);
  }

  @FieldResolver(() => DenialNotification, { nullable: true, description: 'The denial, when its agreements release it to your agency.' })
  denial(@Root() row: DenialConsultationRow, @Ctx() ctx: AppContext) {
    return loaders(ctx).notifications.load(row.denialNotificationId);
  }
}

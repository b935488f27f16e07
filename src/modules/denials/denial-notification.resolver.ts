import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DenialNotificationRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import { Agency } from '../agencies/agency.types.ts';
import {
  DenialNotification,
  DenialNotificationConnection,
  DenialNotificationsArgs,
  NotifyDenialInput,
  RevokeDenialNotificationInput,
} from './denial-notification.types.ts';

@Resolver(() => DenialNotification)
export class DenialNotificationResolver {
  @Query(() => DenialNotificationConnection, { description: 'Denial notifications released to your agency and your own, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.' })
  @AuthenticatedOperation()
  denialNotifications(@Args(() => DenialNotificationsArgs) args: DenialNotificationsArgs, @Ctx() ctx: AppContext) {
    return ctx.services.denials.listNotifications(requireViewer(ctx), args);
  }

  @Query(() => DenialNotification)
  @AuthenticatedOperation()
  denialNotification(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.denials.getNotification(requireViewer(ctx), id);
  }

  @Mutation(() => DenialNotification, { description: "Notifies partners of your agency's denial of a license application; once per application." })
  @RoleOperation(...WRITER_ROLES.DenialNotification)
  notifyDenial(@Arg('input', () => NotifyDenialInput) input: NotifyDenialInput, @Ctx() ctx: AppContext) {
    return ctx.services.denials.notify(requireViewer(ctx), input);
  }

  @Mutation(() => DenialNotification, { description: 'Withdraws a denial notification: partners no longer consult on it.' })
  @RoleOperation(...WRITER_ROLES.DenialNotification)
  revokeDenialNotification(@Arg('input', () => RevokeDenialNotificationInput) input: RevokeDenialNotificationInput, @Ctx() ctx: AppContext) {
    return ctx.services.denials.revoke(requireViewer(ctx), input);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The denying agency.' })
  owner(@Root() row: DenialNotificationRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }
}

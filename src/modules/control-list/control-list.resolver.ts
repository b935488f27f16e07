import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ControlListEntryRow } from '../../db/schema/index.ts';
import type { AppContext } from '../../server/app-context.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import {
  ControlListEntriesArgs,
  ControlListEntry,
  ControlListEntryConnection,
  CreateControlListEntryInput,
  UpdateControlListEntryInput,
} from './control-list.types.ts';

@Resolver(() => ControlListEntry)
export class ControlListResolver {
  @Query(() => ControlListEntryConnection, { description: 'Control-list entries, in the order they last changed.' })
  controlListEntries(@Args(() => ControlListEntriesArgs) args: ControlListEntriesArgs, @Ctx() ctx: AppContext) {
    return ctx.services.controlList.list(ctx.caller, args);
  }

  @Query(() => ControlListEntry)
  controlListEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.controlList.get(ctx.caller, id);
  }

  @Mutation(() => ControlListEntry, { description: 'Adds an entry; a provisional control must carry a sunset date.' })
  createControlListEntry(
    @Arg('input', () => CreateControlListEntryInput) input: CreateControlListEntryInput,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.services.controlList.create(ctx.caller, input);
  }

  @Mutation(() => ControlListEntry)
  updateControlListEntry(
    @Arg('input', () => UpdateControlListEntryInput) input: UpdateControlListEntryInput,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.services.controlList.update(ctx.caller, input);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that owns the entry.' })
  owner(@Root() row: ControlListEntryRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }
}

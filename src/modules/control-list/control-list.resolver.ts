import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ControlListEntryRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { perRequest, requireViewer, type AppContext } from '../../kernel/context.ts';
import { Provenance } from '../../kernel/shared-types.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import {
  ControlListEntriesArgs,
  ControlListEntry,
  ControlListEntryConnection,
  CreateControlListEntryInput,
  UpdateControlListEntryInput,
} from './control-list.types.ts';
import { recordReference } from '../../kernel/references.ts';

const loaders = (ctx: AppContext) => perRequest(ctx, 'controlList.loaders', () => ctx.services.controlList.createLoaders());

@Resolver(() => ControlListEntry)
export class ControlListResolver {
  @Query(() => ControlListEntryConnection, { description: 'Control-list entries, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.' })
  @AuthenticatedOperation()
  controlListEntries(@Args(() => ControlListEntriesArgs) args: ControlListEntriesArgs, @Ctx() ctx: AppContext) {
    return ctx.services.controlList.list(requireViewer(ctx), args);
  }

  @Query(() => ControlListEntry)
  @AuthenticatedOperation()
  controlListEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.controlList.get(requireViewer(ctx), id);
  }

  @Mutation(() => ControlListEntry, { description: 'Adds an entry; a provisional control must carry a sunset date.' })
  @RoleOperation(...WRITER_ROLES.ControlListEntry)
  createControlListEntry(
    @Arg('input', () => CreateControlListEntryInput) input: CreateControlListEntryInput,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.services.controlList.create(requireViewer(ctx), input);
  }

  @Mutation(() => ControlListEntry)
  @RoleOperation(...WRITER_ROLES.ControlListEntry)
  updateControlListEntry(
    @Arg('input', () => UpdateControlListEntryInput) input: UpdateControlListEntryInput,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.services.controlList.update(requireViewer(ctx), input);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that owns the entry.' })
  owner(@Root() row: ControlListEntryRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }
  @FieldResolver(() => Provenance, { nullable: true, description: 'Where it came from, when received from another hub; null for entries of this hub.' })
  async provenance(@Root() row: ControlListEntryRow, @Ctx() ctx: AppContext) {
    const [provenance] = await loaders(ctx).provenance.load(row.id);
    return provenance ?? null;
  }

}

/** Federation: a control-list entry another subgraph references, resolved as the caller may see it. */
export const controlListEntryReference = recordReference('ControlListEntry', (services, viewer, ids) => services.controlList.visibleByIds(viewer, ids));

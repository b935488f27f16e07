import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ThreatEntryRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { perRequest } from '../../kernel/context.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import { ControlListEntry } from '../control-list/control-list.types.ts';
import { Provenance } from '../../kernel/shared-types.ts';
import {
  CreateThreatEntryInput,
  ThreatEntriesArgs,
  ThreatEntry,
  ThreatEntryConnection,
  UpdateThreatEntryInput,
} from './threat-entry.types.ts';
import { recordReference } from '../../kernel/references.ts';

const loaders = (ctx: AppContext) =>
  perRequest(ctx, 'threatLibrary.links', () => ctx.services.threatLibrary.createLoaders(requireViewer(ctx).access));

@Resolver(() => ThreatEntry)
export class ThreatEntryResolver {
  @Query(() => ThreatEntryConnection, { description: 'Threat-library entries, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.' })
  @AuthenticatedOperation()
  threatEntries(@Args(() => ThreatEntriesArgs) args: ThreatEntriesArgs, @Ctx() ctx: AppContext) {
    return ctx.services.threatLibrary.list(requireViewer(ctx), args);
  }

  @Query(() => ThreatEntry)
  @AuthenticatedOperation()
  threatEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.threatLibrary.get(requireViewer(ctx), id);
  }

  @Mutation(() => ThreatEntry, { description: 'Adds an entry to the threat library, linked to existing control-list entries.' })
  @RoleOperation(...WRITER_ROLES.ThreatEntry)
  createThreatEntry(@Arg('input', () => CreateThreatEntryInput) input: CreateThreatEntryInput, @Ctx() ctx: AppContext) {
    return ctx.services.threatLibrary.create(requireViewer(ctx), input);
  }

  @Mutation(() => ThreatEntry, { description: 'controlListEntryIds, when given, replaces every link.' })
  @RoleOperation(...WRITER_ROLES.ThreatEntry)
  updateThreatEntry(@Arg('input', () => UpdateThreatEntryInput) input: UpdateThreatEntryInput, @Ctx() ctx: AppContext) {
    return ctx.services.threatLibrary.update(requireViewer(ctx), input);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that owns the entry.' })
  owner(@Root() row: ThreatEntryRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }

  @FieldResolver(() => [ControlListEntry], { nullable: true, description: 'The linked control-list entries, in link order.' })
  async controlListEntries(@Root() row: ThreatEntryRow, @Ctx() ctx: AppContext) {
    return (await loaders(ctx).controlListEntries.load(row.id)).map((link) => link.entry);
  }
  @FieldResolver(() => Provenance, { nullable: true, description: 'Where it came from, when received from another hub; null for entries of this hub.' })
  async provenance(@Root() row: ThreatEntryRow, @Ctx() ctx: AppContext) {
    const [provenance] = await loaders(ctx).provenance.load(row.id);
    return provenance ?? null;
  }

}

/** Federation: a threat-library entry another subgraph references, resolved as the caller may see it. */
export const threatEntryReference = recordReference('ThreatEntry', (services, viewer, ids) => services.threatLibrary.visibleByIds(viewer, ids));

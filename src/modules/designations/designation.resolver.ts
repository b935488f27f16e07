import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DesignationRow } from '../../db/schema/index.ts';
import { AuthenticatedOperation, RoleOperation } from '../../policy/operation-policy.ts';
import { WRITER_ROLES } from '../../policy/viewer.ts';
import { requireViewer, type AppContext } from '../../kernel/context.ts';
import { perRequest } from '../../kernel/context.ts';
import { Agency } from '../agencies/agency.types.ts';
import { ownerOf } from '../agencies/agency.loaders.ts';
import {
  Address,
  Alias,
  CreateDesignationInput,
  DateOfBirth,
  DelistDesignationInput,
  Designation,
  DesignationConnection,
  DesignationsArgs,
  Identifier,
  Provenance,
  UpdateDesignationInput,
} from './designation.types.ts';
import { recordReference } from '../../kernel/references.ts';
import { selectedFields } from '../../kernel/selection.ts';
import type { DesignationPageRow } from './designation.repository.ts';

const loaders = (ctx: AppContext) => perRequest(ctx, 'designations.children', () => ctx.services.designations.createLoaders());

@Resolver(() => Designation)
export class DesignationResolver {
  @Query(() => DesignationConnection, { description: 'Designations, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.' })
  @AuthenticatedOperation()
  designations(@Args(() => DesignationsArgs) args: DesignationsArgs, @Ctx() ctx: AppContext, @Info() info: GraphQLResolveInfo) {
    // One statement: the page with the nested lists the query selects, and the total if asked.
    const node = selectedFields(info, ['edges', 'node']);
    return ctx.services.designations.list(requireViewer(ctx), args, {
      aliases: node.has('aliases'),
      identifiers: node.has('identifiers'),
      addresses: node.has('addresses'),
      birthDates: node.has('datesOfBirth'),
      provenance: node.has('provenance'),
      total: selectedFields(info).has('totalCount'),
    });
  }

  @Query(() => Designation)
  @AuthenticatedOperation()
  designation(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return ctx.services.designations.get(requireViewer(ctx), id);
  }

  @Mutation(() => Designation, { description: 'Lists a designation; PROVISIONAL listings must carry a sunset date.' })
  @RoleOperation(...WRITER_ROLES.Designation)
  createDesignation(@Arg('input', () => CreateDesignationInput) input: CreateDesignationInput, @Ctx() ctx: AppContext) {
    return ctx.services.designations.create(requireViewer(ctx), input);
  }

  @Mutation(() => Designation)
  @RoleOperation(...WRITER_ROLES.Designation)
  updateDesignation(@Arg('input', () => UpdateDesignationInput) input: UpdateDesignationInput, @Ctx() ctx: AppContext) {
    return ctx.services.designations.update(requireViewer(ctx), input);
  }

  @Mutation(() => Designation)
  @RoleOperation(...WRITER_ROLES.Designation)
  delistDesignation(@Arg('input', () => DelistDesignationInput) input: DelistDesignationInput, @Ctx() ctx: AppContext) {
    return ctx.services.designations.delist(requireViewer(ctx), input);
  }

  // A row of a page carries the lists its query selected (DesignationPageRow): those resolve
  // synchronously; rows from elsewhere (a lookup, a mutation, a link) load them per request.
  @FieldResolver(() => Agency, { nullable: true, description: 'The listing authority, which owns the designation.' })
  owner(@Root() row: DesignationRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }

  @FieldResolver(() => [Alias], { nullable: true })
  aliases(@Root() row: DesignationRow & Partial<DesignationPageRow>, @Ctx() ctx: AppContext) {
    return row.aliases ?? loaders(ctx).aliases.load(row.id);
  }

  @FieldResolver(() => [Identifier], { nullable: true })
  identifiers(@Root() row: DesignationRow & Partial<DesignationPageRow>, @Ctx() ctx: AppContext) {
    return row.identifiers ?? loaders(ctx).identifiers.load(row.id);
  }

  @FieldResolver(() => [Address], { nullable: true })
  addresses(@Root() row: DesignationRow & Partial<DesignationPageRow>, @Ctx() ctx: AppContext) {
    return row.addresses ?? loaders(ctx).addresses.load(row.id);
  }

  @FieldResolver(() => [DateOfBirth], { nullable: true })
  datesOfBirth(@Root() row: DesignationRow & Partial<DesignationPageRow>, @Ctx() ctx: AppContext) {
    return row.birthDates ?? loaders(ctx).birthDates.load(row.id);
  }

  @FieldResolver(() => Provenance, { nullable: true, description: 'Where it came from, when received from another hub; null for records of this hub.' })
  provenance(@Root() row: DesignationRow & Partial<DesignationPageRow>, @Ctx() ctx: AppContext) {
    if (row.provenance !== undefined) return row.provenance;
    return loaders(ctx)
      .provenance.load(row.id)
      .then(([provenance]) => provenance ?? null);
  }
}

/** Federation: a designation another subgraph references, resolved as the caller may see it. */
export const designationReference = recordReference('Designation', (services, viewer, ids) => services.designations.visibleByIds(viewer, ids));

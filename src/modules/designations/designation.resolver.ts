import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
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

const loaders = (ctx: AppContext) => perRequest(ctx, 'designations.children', () => ctx.services.designations.createLoaders());

@Resolver(() => Designation)
export class DesignationResolver {
  @Query(() => DesignationConnection, { description: 'Designations, in id order. Filters and search read only fields released to you: a filter on a field withheld from you matches nothing.' })
  @AuthenticatedOperation()
  designations(@Args(() => DesignationsArgs) args: DesignationsArgs, @Ctx() ctx: AppContext) {
    return ctx.services.designations.list(requireViewer(ctx), args);
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

  @FieldResolver(() => Agency, { nullable: true, description: 'The listing authority, which owns the designation.' })
  owner(@Root() row: DesignationRow, @Ctx() ctx: AppContext) {
    return ownerOf(ctx, row.ownerAgencyId);
  }

  @FieldResolver(() => [Alias], { nullable: true })
  aliases(@Root() row: DesignationRow, @Ctx() ctx: AppContext) {
    return loaders(ctx).aliases.load(row.id);
  }

  @FieldResolver(() => [Identifier], { nullable: true })
  identifiers(@Root() row: DesignationRow, @Ctx() ctx: AppContext) {
    return loaders(ctx).identifiers.load(row.id);
  }

  @FieldResolver(() => [Address], { nullable: true })
  addresses(@Root() row: DesignationRow, @Ctx() ctx: AppContext) {
    return loaders(ctx).addresses.load(row.id);
  }

  @FieldResolver(() => [DateOfBirth], { nullable: true })
  datesOfBirth(@Root() row: DesignationRow, @Ctx() ctx: AppContext) {
    return loaders(ctx).birthDates.load(row.id);
  }

  @FieldResolver(() => Provenance, { nullable: true, description: 'Where it came from, when received from another hub; null for records of this hub.' })
  async provenance(@Root() row: DesignationRow, @Ctx() ctx: AppContext) {
    const [provenance] = await loaders(ctx).provenance.load(row.id);
    return provenance ?? null;
  }
}

/** Federation: a designation another subgraph references, resolved as the caller may see it. */
export const designationReference = recordReference('Designation', (services, viewer, ids) => services.designations.visibleByIds(viewer, ids));

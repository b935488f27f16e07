import { Ctx, Query, Resolver } from 'type-graphql';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';
import type { AppContext } from '../../kernel/context.ts';
import { Agency } from './agency.types.ts';
import { referencedId, type ReferenceResolver } from '../../kernel/references.ts';
import { ownerOf } from './agency.loaders.ts';

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'The agencies taking part in this hub.' })
  @AuthenticatedOperation()
  agencies(@Ctx() ctx: AppContext): Promise<Agency[]> {
    return ctx.services.agencies.list();
  }
}

/** Federation: an agency of the directory, which every signed-in caller may read; unknown ids are null. */
export const agencyReference: ReferenceResolver = (reference, ctx) => {
  const id = referencedId(reference);
  return id === null ? null : ownerOf(ctx, id);
};

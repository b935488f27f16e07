import { Ctx, Query, Resolver } from 'type-graphql';
import { AuthenticatedOperation } from '../../policy/operation-policy.ts';
import type { AppContext } from '../../kernel/context.ts';
import { Agency } from './agency.types.ts';

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'The agencies taking part in this hub.' })
  @AuthenticatedOperation()
  agencies(@Ctx() ctx: AppContext): Promise<Agency[]> {
    return ctx.services.agencies.list();
  }
}

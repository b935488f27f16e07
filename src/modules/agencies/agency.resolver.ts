import { Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../server/app-context.ts';
import { Agency } from './agency.types.ts';

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'The agencies taking part in this hub.' })
  agencies(@Ctx() ctx: AppContext): Promise<Agency[]> {
    return ctx.services.agencies.list();
  }
}

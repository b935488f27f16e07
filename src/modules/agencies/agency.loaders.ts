import type { AppContext } from '../../server/app-context.ts';
import { perRequest } from '../../server/graphql/context.ts';

/** Resolves a record's owning agency, batched across the request. */
export function ownerOf(ctx: AppContext, agencyId: string) {
  return perRequest(ctx, 'agencies.byId', () => ctx.services.agencies.createLoader()).load(agencyId);
}

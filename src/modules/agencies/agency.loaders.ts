import type { AppContext } from '../../kernel/context.ts';
import { perRequest } from '../../kernel/context.ts';

/** Resolves a record's owning agency, batched across the request. */
export function ownerOf(ctx: AppContext, agencyId: string) {
  return perRequest(ctx, 'agencies.byId', () => ctx.services.agencies.createLoader()).load(agencyId);
}

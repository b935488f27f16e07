import type { AppContext } from '../../kernel/context.ts';

/** Resolves a record's owning agency from the hub's in-memory agency directory. */
export function ownerOf(ctx: AppContext, agencyId: string) {
  return ctx.services.agencies.byId(agencyId);
}

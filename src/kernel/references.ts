import type { Viewer } from '../policy/viewer.ts';
import type { AppContext, Services } from './context.ts';
import { linkedRecords } from './loaders.ts';

/**
 * An entity representation as a gateway sends it to `_entities`: the type and its key fields.
 * It is caller input like any argument: nothing in it is trusted but the id it names.
 */
export interface EntityReference {
  readonly __typename: string;
  readonly id?: unknown;
}

/** Resolves one representation to the record the caller may see, or null (unknown and withheld alike). */
export type ReferenceResolver = (reference: EntityReference, ctx: AppContext) => unknown;

/** The id a representation names, or null when it is not a string (no record has such an id). */
export const referencedId = (reference: EntityReference): string | null => (typeof reference.id === 'string' ? reference.id : null);

/**
 * The reference resolver of a shared record type: through the request's loader of linked records
 * of `kind`, so that every representation of the type in one `_entities` call is one query that
 * filters rows in SQL. The field rules then release the row field by field, as everywhere.
 */
export function recordReference<Row extends { id: string }>(
  kind: string,
  fetch: (services: Services, viewer: Viewer, ids: readonly string[]) => Promise<Row[]>,
): ReferenceResolver {
  return (reference, ctx) => {
    const id = referencedId(reference);
    return id === null ? null : linkedRecords(ctx, kind, (viewer, ids) => fetch(ctx.services, viewer, ids)).load(id);
  };
}

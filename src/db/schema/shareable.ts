import { text } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { shareableColumnsWithoutOwner } from './columns.ts';

/**
 * Owner, marking, releasability, version and change sequence: what the policy needs to
 * decide whether a record may leave its owner. A function so each table gets its own
 * column builders.
 */
export const shareableColumns = () => ({
  /** The agency that owns the record (for designations: the listing authority). */
  ownerAgencyId: text('owner_agency_id')
    .notNull()
    .references(() => agencies.id, { onDelete: 'restrict' }),
  ...shareableColumnsWithoutOwner(),
});

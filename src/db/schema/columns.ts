import { sql } from 'drizzle-orm';
import { bigint, integer, pgEnum, pgSequence, text, timestamp } from 'drizzle-orm/pg-core';

/** TLP 2.0 (FIRST, 2022), ordered from least to most restrictive. */
export const MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type Marking = (typeof MARKINGS)[number];
export const markingEnum = pgEnum('marking', MARKINGS);

/**
 * Every change to a shareable record takes the next value of this sequence, so that
 * records can be listed, paged and synced in the order they changed.
 */
export const changeSequence = pgSequence('interlock_change_seq');
const nextChangeSeq = sql`nextval('interlock_change_seq')`;

// Millisecond precision so that timestamps survive a round trip through a JS Date.
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

export const auditColumns = () => ({
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** Columns of every record that can be shared with another agency (see `shareable.ts`). */
export const shareableColumnsWithoutOwner = () => ({
  marking: markingEnum('marking').notNull().default('AMBER'),
  /** Agency ids the record may be released to; null means no restriction beyond the agreements. */
  releasableTo: text('releasable_to').array(),
  /** Optimistic-concurrency version: an update must name the version it read. */
  version: integer('version').notNull().default(1),
  changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(nextChangeSeq),
  ...auditColumns(),
});

export { timestamptz };

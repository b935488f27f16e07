import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/**
 * Remembers the outcome of a create submitted with an idempotency key, so that a retried
 * submission returns the record the first one made instead of making a second.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who submitted and what: `<agency>:<operation>`. Keys are only unique within a scope. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the canonical request, to refuse a key reused for a different request. */
    requestHash: text('request_hash').notNull(),
    resultId: uuid('result_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

import { bigserial, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/**
 * Every version of every sharing agreement ever applied from policies/agreements/. The
 * newest version of each id is in force; older ones stay for the record of what was shared
 * under which terms.
 */
export const sharingAgreements = pgTable(
  'sharing_agreements',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    grantor: text('grantor').notNull(),
    grantees: text('grantees').array().notNull(),
    /** The agreement document as written in its file. */
    document: jsonb('document').notNull(),
    /** SHA-256 of the canonical document: a new version is recorded only when it changes. */
    contentHash: text('content_hash').notNull(),
    sourceFile: text('source_file'),
    /** Set when the file was removed: the agreement is withdrawn from then on. */
    withdrawnAt: timestamptz('withdrawn_at'),
    appliedAt: timestamptz('applied_at').notNull().defaultNow(),
    /** Grows with every applied version, so hubs notice new terms with one cheap query. */
    appliedSeq: bigserial('applied_seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] }), index('sharing_agreements_grantor_idx').on(t.grantor)],
);

export type SharingAgreementRow = typeof sharingAgreements.$inferSelect;

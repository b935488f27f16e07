import { boolean, date, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { shareableColumns } from './shareable.ts';

export const CONTROL_ENTRY_STATUSES = ['ACTIVE', 'SUPERSEDED', 'REVOKED'] as const;
export type ControlEntryStatus = (typeof CONTROL_ENTRY_STATUSES)[number];
export const controlEntryStatusEnum = pgEnum('control_entry_status', CONTROL_ENTRY_STATUSES);

/** An entry of a control list, e.g. a Wassenaar / EU dual-use classification such as `3A001.b.4`. */
export const controlListEntries = pgTable(
  'control_list_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classificationCode: text('classification_code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** Reasons for control as the regimes abbreviate them: NS, MT, NP, CB, AT, RS, CC, … */
    controlReasons: text('control_reasons').array().notNull().default([]),
    status: controlEntryStatusEnum('status').notNull().default('ACTIVE'),
    /** A provisional (temporary, national) control lapses at its sunset unless renewed. */
    provisional: boolean('provisional').notNull().default(false),
    sunsetDate: date('sunset_date', { mode: 'string' }),
    reviewDate: date('review_date', { mode: 'string' }),
    ...shareableColumns(),
  },
  (t) => [
    uniqueIndex('control_list_entries_owner_code_idx').on(t.ownerAgencyId, t.classificationCode),
    index('control_list_entries_status_idx').on(t.status),
    index('control_list_entries_updated_at_idx').on(t.updatedAt),
    uniqueIndex('control_list_entries_change_seq_idx').on(t.changeSeq),
    index('control_list_entries_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
  ],
);

export type ControlListEntryRow = typeof controlListEntries.$inferSelect;

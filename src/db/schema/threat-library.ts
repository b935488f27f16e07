import { relations } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { controlListEntries } from './control-list.ts';
import { shareableColumns } from './shareable.ts';

export const THREAT_ENTRY_KINDS = ['TECHNOLOGY_OF_CONCERN', 'RED_FLAG', 'TYPOLOGY', 'DIVERSION_ROUTE'] as const;
export type ThreatEntryKind = (typeof THREAT_ENTRY_KINDS)[number];
export const threatEntryKindEnum = pgEnum('threat_entry_kind', THREAT_ENTRY_KINDS);

export const THREAT_ENTRY_STATUSES = ['DRAFT', 'ACTIVE', 'RETIRED'] as const;
export type ThreatEntryStatus = (typeof THREAT_ENTRY_STATUSES)[number];
export const threatEntryStatusEnum = pgEnum('threat_entry_status', THREAT_ENTRY_STATUSES);

export const threatEntries = pgTable(
  'threat_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: threatEntryKindEnum('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Observable signs an officer can check, one per item. */
    indicators: text('indicators').array().notNull().default([]),
    status: threatEntryStatusEnum('status').notNull().default('ACTIVE'),
    ...shareableColumns(),
  },
  (t) => [
    index('threat_entries_owner_idx').on(t.ownerAgencyId),
    index('threat_entries_status_idx').on(t.status),
    index('threat_entries_kind_idx').on(t.kind),
    index('threat_entries_updated_at_idx').on(t.updatedAt),
    uniqueIndex('threat_entries_change_seq_idx').on(t.changeSeq),
    index('threat_entries_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
  ],
);

/** Links a threat entry to the control-list entries it concerns. */
export const threatEntryControlLinks = pgTable(
  'threat_entry_control_links',
  {
    threatEntryId: uuid('threat_entry_id')
      .notNull()
      .references(() => threatEntries.id, { onDelete: 'cascade' }),
    controlListEntryId: uuid('control_list_entry_id')
      .notNull()
      .references(() => controlListEntries.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.threatEntryId, t.controlListEntryId] }),
    index('threat_entry_control_links_control_idx').on(t.controlListEntryId),
  ],
);

export const threatEntriesRelations = relations(threatEntries, ({ many }) => ({
  controlLinks: many(threatEntryControlLinks),
}));
export const threatEntryControlLinksRelations = relations(threatEntryControlLinks, ({ one }) => ({
  threatEntry: one(threatEntries, { fields: [threatEntryControlLinks.threatEntryId], references: [threatEntries.id] }),
  controlListEntry: one(controlListEntries, {
    fields: [threatEntryControlLinks.controlListEntryId],
    references: [controlListEntries.id],
  }),
}));

export type ThreatEntryRow = typeof threatEntries.$inferSelect;

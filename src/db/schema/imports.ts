import { bigserial, index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { timestamptz } from './columns.ts';

export const IMPORT_RUN_STATUSES = ['RUNNING', 'FAILED', 'COMPLETED'] as const;
export const importRunStatusEnum = pgEnum('import_run_status', IMPORT_RUN_STATUSES);

/**
 * One import of one published file. Batches commit one by one and advance `position`, so an
 * interrupted or failed import of the same file resumes after the last batch it committed.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ownerAgencyId: text('owner_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    list: text('list').notNull(),
    snapshot: text('snapshot'),
    /** SHA-256 of the file's bytes: a resume must read the very same file. */
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    status: importRunStatusEnum('status').notNull().default('RUNNING'),
    /** Entries read and committed so far. */
    position: integer('position').notNull().default(0),
    counts: jsonb('counts').notNull(),
    error: text('error'),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [index('import_runs_owner_list_idx').on(t.ownerAgencyId, t.list, t.fileHash)],
);

export type ImportRunRow = typeof importRuns.$inferSelect;

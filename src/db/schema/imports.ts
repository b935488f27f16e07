import { bigserial, index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { timestamptz } from './columns.ts';

/**
 * RUNNING and FAILED runs of a file resume where they stopped, and so do CANCELLED (stopped
 * by the user after a batch) and INTERRUPTED (stopped by the hub shutting down) ones. REFUSED
 * runs wrote nothing: the file was not the format named, held no entries, was an older
 * edition, or would have delisted too much of the list.
 */
export const IMPORT_RUN_STATUSES = ['RUNNING', 'FAILED', 'COMPLETED', 'REFUSED', 'CANCELLED', 'INTERRUPTED'] as const;
export const importRunStatusEnum = pgEnum('import_run_status', IMPORT_RUN_STATUSES);

/** How a run's edition was established. */
export const EDITION_BASES = ['STATED', 'GIVEN', 'NEWEST_DATE_IN_FILE'] as const;

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
    /** The `interlock import` format the file was read as (null for runs before it was recorded). */
    format: text('format'),
    /** The publication date the file states, when it states one. */
    snapshot: text('snapshot'),
    /** `YYYY-MM-DD`: the edition applied, compared with the list's last completed run. */
    edition: text('edition'),
    editionBasis: text('edition_basis', { enum: EDITION_BASES }),
    /** SHA-256 of the file's bytes: a resume must read the very same file. */
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    status: importRunStatusEnum('status').notNull().default('RUNNING'),
    /** Entries read and committed so far. */
    position: integer('position').notNull().default(0),
    /** Distinct entries in the file, once it has been read through. */
    entries: integer('entries'),
    counts: jsonb('counts').notNull(),
    /** Elements or columns the reader did not know, by name, with how many entries had them. */
    warnings: jsonb('warnings').$type<Record<string, number>>(),
    errorCode: text('error_code'),
    error: text('error'),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index('import_runs_owner_list_idx').on(t.ownerAgencyId, t.list, t.fileHash),
    index('import_runs_owner_id_idx').on(t.ownerAgencyId, t.id),
  ],
);

export type ImportRunRow = typeof importRuns.$inferSelect;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

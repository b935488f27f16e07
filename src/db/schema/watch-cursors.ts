import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/**
 * How far a background watcher has read a change feed, so that after a restart it resumes
 * where it stopped instead of missing changes or reading everything again.
 */
export const watchCursors = pgTable('watch_cursors', {
  name: text('name').primaryKey(),
  /** A change-feed position as `formatFeedPosition` (src/db/change-feed.ts) writes it. */
  feedPosition: text('feed_position').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

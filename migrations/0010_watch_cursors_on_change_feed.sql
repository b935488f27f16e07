-- Watchers now follow the change feed (0008): their old change_seq positions mean nothing there,
-- so they start again from the head of the feed.
DELETE FROM "watch_cursors";--> statement-breakpoint
ALTER TABLE "watch_cursors" DROP COLUMN "position";--> statement-breakpoint
ALTER TABLE "watch_cursors" ADD COLUMN "feed_position" text NOT NULL;

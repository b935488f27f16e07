DROP INDEX "change_feed_record_idx";--> statement-breakpoint
ALTER TABLE "change_feed" ADD COLUMN "attributes" jsonb;--> statement-breakpoint
CREATE INDEX "change_feed_record_position_idx" ON "change_feed" USING btree ("record_type","record_id","transaction_id","sequence");
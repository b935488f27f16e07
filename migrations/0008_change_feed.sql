CREATE SEQUENCE "public"."change_feed_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "change_feed" (
	"transaction_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"sequence" bigint DEFAULT nextval('change_feed_seq') NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"owner_agency_id" text NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_feed_pkey" PRIMARY KEY("transaction_id","sequence")
);
--> statement-breakpoint
CREATE INDEX "change_feed_record_idx" ON "change_feed" USING btree ("record_type","record_id");
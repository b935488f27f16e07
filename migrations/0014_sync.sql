CREATE TABLE "sync_peer_state" (
	"peer_id" text PRIMARY KEY NOT NULL,
	"cursor" text,
	"last_bundle_hash" text,
	"last_bundle_issued_at" timestamp (3) with time zone,
	"has_more" boolean DEFAULT false NOT NULL,
	"bundles_applied" integer DEFAULT 0 NOT NULL,
	"last_success_at" timestamp (3) with time zone,
	"last_error_at" timestamp (3) with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_received_records" (
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"owner_agency_id" text NOT NULL,
	"origin_hub" text NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	"origin_proof" text NOT NULL,
	"released_values" jsonb NOT NULL,
	"salts" jsonb NOT NULL,
	"hop_chain" jsonb NOT NULL,
	"hops_left" integer NOT NULL,
	"received_from_peer" text NOT NULL,
	"received_from_hub" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"bundle_hash" text NOT NULL,
	"hops" integer NOT NULL,
	CONSTRAINT "sync_received_records_pkey" PRIMARY KEY("record_type","record_id")
);
--> statement-breakpoint
CREATE INDEX "sync_received_records_peer_idx" ON "sync_received_records" USING btree ("received_from_peer");
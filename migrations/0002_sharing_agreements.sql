CREATE TABLE "sharing_agreements" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"grantor" text NOT NULL,
	"grantees" text[] NOT NULL,
	"document" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"source_file" text,
	"withdrawn_at" timestamp (3) with time zone,
	"applied_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"applied_seq" bigserial NOT NULL,
	CONSTRAINT "sharing_agreements_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE INDEX "sharing_agreements_grantor_idx" ON "sharing_agreements" USING btree ("grantor");
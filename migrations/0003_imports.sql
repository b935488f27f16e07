CREATE TYPE "public"."import_run_status" AS ENUM('RUNNING', 'FAILED', 'COMPLETED');--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_agency_id" text NOT NULL,
	"list" text NOT NULL,
	"snapshot" text,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"status" "import_run_status" DEFAULT 'RUNNING' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"counts" jsonb NOT NULL,
	"error" text,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "designations" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_runs_owner_list_idx" ON "import_runs" USING btree ("owner_agency_id","list","file_hash");
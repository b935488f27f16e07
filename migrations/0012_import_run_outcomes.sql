ALTER TYPE "public"."import_run_status" ADD VALUE 'REFUSED';--> statement-breakpoint
ALTER TYPE "public"."import_run_status" ADD VALUE 'CANCELLED';--> statement-breakpoint
ALTER TYPE "public"."import_run_status" ADD VALUE 'INTERRUPTED';--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "format" text;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "edition" text;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "edition_basis" text;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "entries" integer;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "warnings" jsonb;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "error_code" text;--> statement-breakpoint
CREATE INDEX "import_runs_owner_id_idx" ON "import_runs" USING btree ("owner_agency_id","id");
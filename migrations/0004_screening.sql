CREATE TYPE "public"."adjudication_disposition" AS ENUM('FALSE_POSITIVE');--> statement-breakpoint
CREATE TABLE "designation_screening_names" (
	"designation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"phonetic" text NOT NULL,
	"strength" "alias_strength" NOT NULL,
	CONSTRAINT "designation_screening_names_designation_id_position_pk" PRIMARY KEY("designation_id","position")
);
--> statement-breakpoint
CREATE TABLE "screening_adjudications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_fingerprint" text NOT NULL,
	"party_name" text NOT NULL,
	"party_country" text,
	"party_date_of_birth" text,
	"designation_id" uuid NOT NULL,
	"matched_name" text NOT NULL,
	"disposition" "adjudication_disposition" NOT NULL,
	"reason" text NOT NULL,
	"reviewed_by" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "designation_screening_names" ADD CONSTRAINT "designation_screening_names_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_adjudications" ADD CONSTRAINT "screening_adjudications_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_adjudications" ADD CONSTRAINT "screening_adjudications_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "designation_screening_names_key_trgm_idx" ON "designation_screening_names" USING gin ("key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "designation_screening_names_phonetic_trgm_idx" ON "designation_screening_names" USING gin ("phonetic" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE UNIQUE INDEX "screening_adjudications_one_per_hit_idx" ON "screening_adjudications" USING btree ("owner_agency_id","party_fingerprint","designation_id");--> statement-breakpoint
CREATE INDEX "screening_adjudications_party_idx" ON "screening_adjudications" USING btree ("party_fingerprint");--> statement-breakpoint
CREATE INDEX "screening_adjudications_designation_idx" ON "screening_adjudications" USING btree ("designation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_adjudications_change_seq_idx" ON "screening_adjudications" USING btree ("change_seq");
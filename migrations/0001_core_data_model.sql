CREATE TYPE "public"."marking" AS ENUM('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED');--> statement-breakpoint
CREATE TYPE "public"."agency_kind" AS ENUM('LICENSING_AUTHORITY', 'CUSTOMS', 'INTELLIGENCE', 'FINANCIAL_INTELLIGENCE', 'SANCTIONS_AUTHORITY', 'ALLIED_HUB');--> statement-breakpoint
CREATE TYPE "public"."alias_kind" AS ENUM('AKA', 'FKA', 'NKA');--> statement-breakpoint
CREATE TYPE "public"."alias_strength" AS ENUM('STRONG', 'WEAK');--> statement-breakpoint
CREATE TYPE "public"."designation_status" AS ENUM('PROVISIONAL', 'ACTIVE', 'SUSPENDED', 'DELISTED');--> statement-breakpoint
CREATE TYPE "public"."identifier_type" AS ENUM('PASSPORT', 'NATIONAL_ID', 'TAX_ID', 'COMPANY_REGISTRATION', 'IMO_NUMBER', 'MMSI', 'AIRCRAFT_REGISTRATION', 'AIRCRAFT_SERIAL', 'SWIFT_BIC', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."subject_type" AS ENUM('ENTITY', 'INDIVIDUAL', 'VESSEL', 'AIRCRAFT', 'ITEM');--> statement-breakpoint
CREATE TYPE "public"."control_entry_status" AS ENUM('ACTIVE', 'SUPERSEDED', 'REVOKED');--> statement-breakpoint
CREATE TYPE "public"."threat_entry_kind" AS ENUM('TECHNOLOGY_OF_CONCERN', 'RED_FLAG', 'TYPOLOGY', 'DIVERSION_ROUTE');--> statement-breakpoint
CREATE TYPE "public"."threat_entry_status" AS ENUM('DRAFT', 'ACTIVE', 'RETIRED');--> statement-breakpoint
CREATE SEQUENCE "public"."interlock_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" char(2) NOT NULL,
	"kind" "agency_kind" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designation_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"designation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"street" text,
	"city" text,
	"region" text,
	"postal_code" text,
	"country" char(2)
);
--> statement-breakpoint
CREATE TABLE "designation_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"designation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"name_normalized" text NOT NULL,
	"kind" "alias_kind" DEFAULT 'AKA' NOT NULL,
	"strength" "alias_strength" DEFAULT 'STRONG' NOT NULL,
	"script" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designation_birth_dates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"designation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"date" text NOT NULL,
	"range_end" text,
	"approximate" boolean DEFAULT false NOT NULL,
	"earliest" date NOT NULL,
	"latest" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designation_identifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"designation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"type" "identifier_type" NOT NULL,
	"value" text NOT NULL,
	"value_normalized" text NOT NULL,
	"issuing_country" char(2),
	"note" text
);
--> statement-breakpoint
CREATE TABLE "designations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" "subject_type" NOT NULL,
	"primary_name" text NOT NULL,
	"primary_name_normalized" text NOT NULL,
	"nationalities" text[] DEFAULT '{}' NOT NULL,
	"places_of_birth" text[] DEFAULT '{}' NOT NULL,
	"programs" text[] DEFAULT '{}' NOT NULL,
	"legal_basis" text,
	"rationale" text,
	"remarks" text,
	"status" "designation_status" NOT NULL,
	"effective_from" date,
	"sunset_date" date,
	"review_due_date" date,
	"delisted_at" timestamp (3) with time zone,
	"delisting_reason" text,
	"source_list" text,
	"source_reference" text,
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "control_list_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"classification_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"control_reasons" text[] DEFAULT '{}' NOT NULL,
	"status" "control_entry_status" DEFAULT 'ACTIVE' NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"sunset_date" date,
	"review_date" date,
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threat_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "threat_entry_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"indicators" text[] DEFAULT '{}' NOT NULL,
	"status" "threat_entry_status" DEFAULT 'ACTIVE' NOT NULL,
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threat_entry_control_links" (
	"threat_entry_id" uuid NOT NULL,
	"control_list_entry_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "threat_entry_control_links_threat_entry_id_control_list_entry_id_pk" PRIMARY KEY("threat_entry_id","control_list_entry_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
ALTER TABLE "designation_addresses" ADD CONSTRAINT "designation_addresses_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_aliases" ADD CONSTRAINT "designation_aliases_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_birth_dates" ADD CONSTRAINT "designation_birth_dates_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_identifiers" ADD CONSTRAINT "designation_identifiers_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designations" ADD CONSTRAINT "designations_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_list_entries" ADD CONSTRAINT "control_list_entries_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_entries" ADD CONSTRAINT "threat_entries_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_entry_control_links" ADD CONSTRAINT "threat_entry_control_links_threat_entry_id_threat_entries_id_fk" FOREIGN KEY ("threat_entry_id") REFERENCES "public"."threat_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_entry_control_links" ADD CONSTRAINT "threat_entry_control_links_control_list_entry_id_control_list_entries_id_fk" FOREIGN KEY ("control_list_entry_id") REFERENCES "public"."control_list_entries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_country_idx" ON "agencies" USING btree ("country");--> statement-breakpoint
CREATE INDEX "designation_addresses_designation_idx" ON "designation_addresses" USING btree ("designation_id");--> statement-breakpoint
CREATE INDEX "designation_aliases_designation_idx" ON "designation_aliases" USING btree ("designation_id");--> statement-breakpoint
CREATE INDEX "designation_aliases_name_trgm_idx" ON "designation_aliases" USING gin ("name_normalized" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "designation_birth_dates_designation_idx" ON "designation_birth_dates" USING btree ("designation_id");--> statement-breakpoint
CREATE INDEX "designation_identifiers_designation_idx" ON "designation_identifiers" USING btree ("designation_id");--> statement-breakpoint
CREATE INDEX "designation_identifiers_value_idx" ON "designation_identifiers" USING btree ("value_normalized");--> statement-breakpoint
CREATE INDEX "designations_owner_idx" ON "designations" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE INDEX "designations_status_idx" ON "designations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "designations_subject_type_idx" ON "designations" USING btree ("subject_type");--> statement-breakpoint
CREATE INDEX "designations_updated_at_idx" ON "designations" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "designations_change_seq_idx" ON "designations" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "designations_programs_idx" ON "designations" USING gin ("programs");--> statement-breakpoint
CREATE INDEX "designations_name_trgm_idx" ON "designations" USING gin ("primary_name_normalized" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "designations_source_ref_idx" ON "designations" USING btree ("owner_agency_id","source_list","source_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "control_list_entries_owner_code_idx" ON "control_list_entries" USING btree ("owner_agency_id","classification_code");--> statement-breakpoint
CREATE INDEX "control_list_entries_status_idx" ON "control_list_entries" USING btree ("status");--> statement-breakpoint
CREATE INDEX "control_list_entries_updated_at_idx" ON "control_list_entries" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "control_list_entries_change_seq_idx" ON "control_list_entries" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "control_list_entries_title_trgm_idx" ON "control_list_entries" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "threat_entries_owner_idx" ON "threat_entries" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE INDEX "threat_entries_status_idx" ON "threat_entries" USING btree ("status");--> statement-breakpoint
CREATE INDEX "threat_entries_kind_idx" ON "threat_entries" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "threat_entries_updated_at_idx" ON "threat_entries" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "threat_entries_change_seq_idx" ON "threat_entries" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "threat_entries_title_trgm_idx" ON "threat_entries" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "threat_entry_control_links_control_idx" ON "threat_entry_control_links" USING btree ("control_list_entry_id");
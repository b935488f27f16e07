CREATE TYPE "public"."consultation_status" AS ENUM('REQUESTED', 'ANSWERED');--> statement-breakpoint
CREATE TYPE "public"."denial_reason_category" AS ENUM('END_USER_CONCERN', 'DIVERSION_RISK', 'DESTINATION_EMBARGO', 'WMD_END_USE', 'MILITARY_END_USE', 'INSUFFICIENT_INFORMATION', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."end_use_check_kind" AS ENUM('PRE_LICENSE_CHECK', 'POST_SHIPMENT_VERIFICATION');--> statement-breakpoint
CREATE TYPE "public"."end_use_outcome" AS ENUM('FAVORABLE', 'UNFAVORABLE', 'UNVERIFIABLE');--> statement-breakpoint
CREATE TYPE "public"."escalation_kind" AS ENUM('DESIGNATION_MATCH', 'DENIAL_UNDERCUT', 'UNFAVORABLE_VERIFICATION');--> statement-breakpoint
CREATE TYPE "public"."license_state" AS ENUM('DRAFT', 'SUBMITTED', 'SCREENING', 'FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'PROVISIONALLY_APPROVED', 'DENIED', 'APPEALED', 'APPEAL_UPHELD', 'APPEAL_OVERTURNED', 'SUSPENDED', 'REVOKED', 'EXPIRED', 'WITHDRAWN');--> statement-breakpoint
CREATE TYPE "public"."license_party_role" AS ENUM('END_USER', 'CONSIGNEE', 'INTERMEDIARY', 'PURCHASER');--> statement-breakpoint
CREATE TYPE "public"."review_lane" AS ENUM('FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED');--> statement-breakpoint
CREATE TABLE "denial_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"denial_notification_id" uuid NOT NULL,
	"consulting_agency_id" text NOT NULL,
	"denying_agency_id" text NOT NULL,
	"status" "consultation_status" DEFAULT 'REQUESTED' NOT NULL,
	"match_score" numeric NOT NULL,
	"response" text,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "denial_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"party_name" text NOT NULL,
	"party_country" text,
	"party_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"party_key" text NOT NULL,
	"party_phonetic" text NOT NULL,
	"control_list_codes" text[] NOT NULL,
	"reason_category" "denial_reason_category" NOT NULL,
	"denied_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "end_use_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "end_use_check_kind" NOT NULL,
	"performing_agency_id" text NOT NULL,
	"participants" text[] NOT NULL,
	"application_id" uuid NOT NULL,
	"party_position" integer NOT NULL,
	"party_name" text NOT NULL,
	"party_country" text,
	"party_address" text,
	"instructions" text,
	"outcome" "end_use_outcome",
	"outcome_date" date,
	"findings" text,
	"completed_by" text,
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "license_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_country" text,
	"destination_country" text NOT NULL,
	"end_use" text NOT NULL,
	"state" "license_state" DEFAULT 'DRAFT' NOT NULL,
	"lane" "review_lane",
	"risk_score" integer,
	"risk_factors" jsonb,
	"screened_list_version" text,
	"decision_rationale" text,
	"conditions" text[] DEFAULT '{}' NOT NULL,
	"oversight_conditions" text[] DEFAULT '{}' NOT NULL,
	"denial_reason" "denial_reason_category",
	"review_date" date,
	"expires_on" date,
	"decided_at" timestamp (3) with time zone,
	"appeal_grounds" text,
	"suspended_from" "license_state",
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "license_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" "escalation_kind" NOT NULL,
	"party_position" integer,
	"designation_id" uuid,
	"denial_notification_id" uuid,
	"end_use_check_id" uuid,
	"score" numeric,
	"detail" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "license_items" (
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"control_list_code" text NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric NOT NULL,
	"unit" text,
	"value" numeric,
	"currency" text,
	CONSTRAINT "license_items_application_id_position_pk" PRIMARY KEY("application_id","position")
);
--> statement-breakpoint
CREATE TABLE "license_parties" (
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"role" "license_party_role" NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"address" text,
	"identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"key" text NOT NULL,
	"phonetic" text NOT NULL,
	CONSTRAINT "license_parties_application_id_position_pk" PRIMARY KEY("application_id","position")
);
--> statement-breakpoint
CREATE TABLE "license_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" "license_state",
	"to_state" "license_state" NOT NULL,
	"actor_agency_id" text NOT NULL,
	"actor_user_id" text NOT NULL,
	"reason" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unverified_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"key" text NOT NULL,
	"phonetic" text NOT NULL,
	"outcome" "end_use_outcome" NOT NULL,
	"end_use_check_id" uuid NOT NULL,
	"owner_agency_id" text NOT NULL,
	"marking" "marking" DEFAULT 'AMBER' NOT NULL,
	"releasable_to" text[],
	"version" integer DEFAULT 1 NOT NULL,
	"change_seq" bigint DEFAULT nextval('interlock_change_seq') NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"position" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD CONSTRAINT "denial_consultations_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD CONSTRAINT "denial_consultations_denial_notification_id_denial_notifications_id_fk" FOREIGN KEY ("denial_notification_id") REFERENCES "public"."denial_notifications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD CONSTRAINT "denial_consultations_consulting_agency_id_agencies_id_fk" FOREIGN KEY ("consulting_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD CONSTRAINT "denial_consultations_denying_agency_id_agencies_id_fk" FOREIGN KEY ("denying_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_notifications" ADD CONSTRAINT "denial_notifications_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_notifications" ADD CONSTRAINT "denial_notifications_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "end_use_checks" ADD CONSTRAINT "end_use_checks_performing_agency_id_agencies_id_fk" FOREIGN KEY ("performing_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "end_use_checks" ADD CONSTRAINT "end_use_checks_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "end_use_checks" ADD CONSTRAINT "end_use_checks_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_applications" ADD CONSTRAINT "license_applications_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD CONSTRAINT "license_escalations_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD CONSTRAINT "license_escalations_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_items" ADD CONSTRAINT "license_items_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_parties" ADD CONSTRAINT "license_parties_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_transitions" ADD CONSTRAINT "license_transitions_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unverified_parties" ADD CONSTRAINT "unverified_parties_end_use_check_id_end_use_checks_id_fk" FOREIGN KEY ("end_use_check_id") REFERENCES "public"."end_use_checks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unverified_parties" ADD CONSTRAINT "unverified_parties_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "denial_consultations_pair_idx" ON "denial_consultations" USING btree ("application_id","denial_notification_id");--> statement-breakpoint
CREATE UNIQUE INDEX "denial_notifications_change_seq_idx" ON "denial_notifications" USING btree ("change_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "denial_notifications_application_idx" ON "denial_notifications" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "denial_notifications_key_trgm_idx" ON "denial_notifications" USING gin ("party_key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE UNIQUE INDEX "end_use_checks_change_seq_idx" ON "end_use_checks" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "end_use_checks_application_idx" ON "end_use_checks" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "end_use_checks_performer_idx" ON "end_use_checks" USING btree ("performing_agency_id");--> statement-breakpoint
CREATE INDEX "license_applications_owner_idx" ON "license_applications" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE INDEX "license_applications_state_idx" ON "license_applications" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "license_applications_change_seq_idx" ON "license_applications" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "license_escalations_application_idx" ON "license_escalations" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "license_escalations_dedupe_idx" ON "license_escalations" USING btree ("application_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "license_parties_key_trgm_idx" ON "license_parties" USING gin ("key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "license_parties_phonetic_trgm_idx" ON "license_parties" USING gin ("phonetic" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "license_transitions_application_idx" ON "license_transitions" USING btree ("application_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "unverified_parties_change_seq_idx" ON "unverified_parties" USING btree ("change_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "unverified_parties_check_idx" ON "unverified_parties" USING btree ("end_use_check_id");--> statement-breakpoint
CREATE INDEX "unverified_parties_key_trgm_idx" ON "unverified_parties" USING gin ("key" gin_trgm_ops) WITH (fastupdate=false);
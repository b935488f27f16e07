CREATE TABLE "license_screenings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"occasion" text NOT NULL,
	"list_version" text NOT NULL,
	"lists" jsonb NOT NULL,
	"candidate_designations" integer NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "license_applications" ADD COLUMN "recommended_action" text;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD COLUMN "recommended_action" text;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD COLUMN "acknowledged_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD COLUMN "acknowledged_by_agency_id" text;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD COLUMN "acknowledged_by_user_id" text;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "license_escalations" ADD COLUMN "acknowledgement_reason" text;--> statement-breakpoint
ALTER TABLE "license_transitions" ADD COLUMN "triggered_by_agency_id" text;--> statement-breakpoint
ALTER TABLE "license_transitions" ADD COLUMN "triggered_by_user_id" text;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "answer" text;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "answered_by" text;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "party_name" text;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "party_country" text;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "control_list_codes" text[];--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "end_use" text;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "overridden_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "overridden_by" text;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD COLUMN "override_reason" text;--> statement-breakpoint
ALTER TABLE "end_use_checks" ADD COLUMN "destination_country" text;--> statement-breakpoint
ALTER TABLE "end_use_checks" ADD COLUMN "items" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "license_screenings" ADD CONSTRAINT "license_screenings_application_id_license_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."license_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "license_screenings_application_idx" ON "license_screenings" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "license_escalations_open_idx" ON "license_escalations" USING btree ("application_id") WHERE acknowledged_at IS NULL;
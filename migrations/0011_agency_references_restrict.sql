ALTER TABLE "denial_consultations" DROP CONSTRAINT "denial_consultations_consulting_agency_id_agencies_id_fk";
--> statement-breakpoint
ALTER TABLE "denial_consultations" DROP CONSTRAINT "denial_consultations_denying_agency_id_agencies_id_fk";
--> statement-breakpoint
ALTER TABLE "end_use_checks" DROP CONSTRAINT "end_use_checks_performing_agency_id_agencies_id_fk";
--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD CONSTRAINT "denial_consultations_consulting_agency_id_agencies_id_fk" FOREIGN KEY ("consulting_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_consultations" ADD CONSTRAINT "denial_consultations_denying_agency_id_agencies_id_fk" FOREIGN KEY ("denying_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "end_use_checks" ADD CONSTRAINT "end_use_checks_performing_agency_id_agencies_id_fk" FOREIGN KEY ("performing_agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;
-- The access log as one row per group of records an entry released (same type, owner, fields and
-- agreements: for a page, usually one or two rows) with the record ids in an array, instead of a
-- row per record. A page of 500 designations wrote 500 rows, each with four index entries, a
-- foreign-key check and a join back to its entry, before the response; now it writes one or two.
-- `accessLog(recordId)` finds its rows by the GIN index over the ids (fastupdate: appends go to
-- the pending list, merged in bulk later, so a write costs about one index insertion).
-- An access-log row's position is `first_position` + its place in `record_ids`: its id is
-- entry_index × 1,000,000 + position (src/modules/audit/access-log.ts), in the order the rows
-- were written before.
CREATE TABLE "audit_release_sets" (
	"entry_index" bigint NOT NULL REFERENCES "audit_entries" ("entry_index"),
	"set_number" integer NOT NULL,
	"first_position" integer NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"requester_agency_id" text NOT NULL,
	"user_id" text,
	"operation" text,
	"record_type" text NOT NULL,
	"owner_agency_id" text NOT NULL,
	"fields" text[] NOT NULL,
	"agreements" text[] NOT NULL,
	"record_ids" text[] NOT NULL,
	PRIMARY KEY ("entry_index", "set_number")
);
--> statement-breakpoint
CREATE INDEX "audit_release_sets_owner_idx" ON "audit_release_sets" USING btree ("owner_agency_id","entry_index");
--> statement-breakpoint
CREATE INDEX "audit_release_sets_requester_idx" ON "audit_release_sets" USING btree ("requester_agency_id","entry_index");
--> statement-breakpoint
CREATE INDEX "audit_release_sets_records_idx" ON "audit_release_sets" USING gin ("record_ids") WITH (fastupdate = on);
--> statement-breakpoint
-- The rows already written, grouped as the hub now writes them (in their order of writing).
INSERT INTO "audit_release_sets"
SELECT entry_index,
	(row_number() OVER (PARTITION BY entry_index ORDER BY first_id) - 1)::int,
	(sum(released) OVER (PARTITION BY entry_index ORDER BY first_id) - released)::int,
	recorded_at, requester_agency_id, user_id, operation, record_type, owner_agency_id, fields, agreements, record_ids
FROM (
	SELECT entry_index, recorded_at, requester_agency_id, user_id, operation, record_type, owner_agency_id, fields, agreements,
		min(id) AS first_id, count(*) AS released, array_agg(record_id ORDER BY id) AS record_ids
	FROM "audit_releases"
	GROUP BY entry_index, recorded_at, requester_agency_id, user_id, operation, record_type, owner_agency_id, fields, agreements
) AS grouped;
--> statement-breakpoint
DROP TABLE "audit_releases";
--> statement-breakpoint
CREATE TRIGGER "audit_release_sets_append_only" BEFORE UPDATE OR DELETE ON "audit_release_sets" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_release_sets_no_truncate" BEFORE TRUNCATE ON "audit_release_sets" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- As for the other audit tables (0020): INSERT and SELECT only, for the hub's role and the request role.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_release_sets" FROM PUBLIC;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_release_sets" FROM CURRENT_USER;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_release_sets" FROM interlock_app;

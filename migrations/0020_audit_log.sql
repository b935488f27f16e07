-- The audit log (src/modules/audit): entries in an RFC 9162 Merkle tree, appended in order under
-- the one-row counter `audit_log_state` (locked FOR UPDATE by each append, so no two entries share
-- an index and none is skipped). `entry` is the canonical JSON the leaf hashes; the other columns
-- are copies for querying. Signed tree heads commit the hub to every prefix it has published.
CREATE TABLE "audit_log_state" (
	"singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
	"size" bigint NOT NULL,
	"last_leaf_hash" text,
	-- The tree's compact range (perfect subtrees, left to right, as [hex hash, leaves]): the
	-- current root without rereading the log.
	"frontier" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
INSERT INTO "audit_log_state" ("singleton", "size", "last_leaf_hash") VALUES (true, 0, NULL);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"entry_index" bigint PRIMARY KEY NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"kind" text NOT NULL,
	"agency_id" text,
	"user_id" text,
	"operation" text,
	"entry" text NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_entries_agency_idx" ON "audit_entries" USING btree ("agency_id","entry_index");
--> statement-breakpoint
-- One row per record released by an entry: what `accessLog` reads (owners see their records',
-- requesters their own requests').
CREATE TABLE "audit_releases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_index" bigint NOT NULL REFERENCES "audit_entries" ("entry_index"),
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"requester_agency_id" text NOT NULL,
	"user_id" text,
	"operation" text,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"owner_agency_id" text NOT NULL,
	"fields" text[] NOT NULL,
	"agreements" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_releases_owner_record_idx" ON "audit_releases" USING btree ("owner_agency_id","record_id","id");
--> statement-breakpoint
CREATE INDEX "audit_releases_owner_idx" ON "audit_releases" USING btree ("owner_agency_id","recorded_at","id");
--> statement-breakpoint
CREATE INDEX "audit_releases_requester_idx" ON "audit_releases" USING btree ("requester_agency_id","recorded_at","id");
--> statement-breakpoint
CREATE TABLE "audit_tree_heads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tree_size" bigint NOT NULL,
	"root_hash" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"key_id" text,
	"signature" text
);
--> statement-breakpoint
CREATE INDEX "audit_tree_heads_size_idx" ON "audit_tree_heads" USING btree ("tree_size");
--> statement-breakpoint
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER "audit_entries_append_only" BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_releases_append_only" BEFORE UPDATE OR DELETE ON "audit_releases" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_releases_no_truncate" BEFORE TRUNCATE ON "audit_releases" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_tree_heads_append_only" BEFORE UPDATE OR DELETE ON "audit_tree_heads" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_tree_heads_no_truncate" BEFORE TRUNCATE ON "audit_tree_heads" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- And the grants: the role that migrates and runs the hub keeps INSERT and SELECT only. (A
-- superuser bypasses grants, not the triggers; one that disables them too is what
-- `interlock audit verify` and the signed tree heads are for.)
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_entries", "audit_releases", "audit_tree_heads" FROM PUBLIC;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_entries", "audit_releases", "audit_tree_heads" FROM CURRENT_USER;
--> statement-breakpoint
-- The request role (0017) received every table by default privileges: not these rights.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_entries", "audit_releases", "audit_tree_heads" FROM interlock_app;

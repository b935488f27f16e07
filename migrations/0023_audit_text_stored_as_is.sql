-- An audit entry of a large page and its release set are mostly record ids (UUIDs): pglz tries to
-- compress every such value above the TOAST threshold and gives up, storing it as it was (a page
-- of 500 designations: 20,105 bytes stored for 20,105 characters). The attempt cost the append
-- more than the rest of the row did (measured on PostgreSQL 15: 1.09 → 0.58 ms per release set,
-- 0.63 → 0.21 ms per entry): store these columns out of line without trying.
ALTER TABLE "audit_entries" ALTER COLUMN "entry" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "audit_release_sets" ALTER COLUMN "record_ids" SET STORAGE EXTERNAL;

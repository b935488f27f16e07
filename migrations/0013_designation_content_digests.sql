ALTER TABLE "designations" ADD COLUMN "content_digests" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Existing designations get digests of their child rows computed here; the hub computes its own
-- (src/modules/designations/content-digests.ts) whenever it writes one. The two differ, so a
-- caller's listVersion moves once when such a designation is next written, and never because a
-- field withheld from it changed.
UPDATE "designations" d SET "content_digests" = jsonb_build_object(
  'aliases', (SELECT md5(coalesce(string_agg(concat_ws('|', a.name, a.kind, a.strength, a.script), ',' ORDER BY a.position), ''))
              FROM designation_aliases a WHERE a.designation_id = d.id),
  'identifiers', (SELECT md5(coalesce(string_agg(concat_ws('|', i.type, i.value, i.issuing_country, i.note), ',' ORDER BY i.position), ''))
              FROM designation_identifiers i WHERE i.designation_id = d.id),
  'datesOfBirth', (SELECT md5(coalesce(string_agg(b::text, ',' ORDER BY b.position), ''))
              FROM designation_birth_dates b WHERE b.designation_id = d.id));

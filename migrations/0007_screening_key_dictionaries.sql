CREATE TABLE "screening_name_keys" (
	"key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_phonetic_keys" (
	"phonetic" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "designation_screening_names_key_trgm_idx";--> statement-breakpoint
DROP INDEX "designation_screening_names_phonetic_trgm_idx";--> statement-breakpoint
CREATE INDEX "screening_name_keys_key_idx" ON "screening_name_keys" USING btree ("key");--> statement-breakpoint
CREATE INDEX "screening_name_keys_trgm_idx" ON "screening_name_keys" USING gin ("key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "screening_phonetic_keys_phonetic_idx" ON "screening_phonetic_keys" USING btree ("phonetic");--> statement-breakpoint
CREATE INDEX "screening_phonetic_keys_trgm_idx" ON "screening_phonetic_keys" USING gin ("phonetic" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "designation_screening_names_key_idx" ON "designation_screening_names" USING btree ("key");--> statement-breakpoint
CREATE INDEX "designation_screening_names_phonetic_idx" ON "designation_screening_names" USING btree ("phonetic");--> statement-breakpoint
-- Every statement writing designation names adds their new keys and skeletons to the
-- dictionaries, whichever code path writes them (imports, API writes, re-keying).
CREATE FUNCTION screening_key_dictionaries_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO screening_name_keys (key)
    SELECT DISTINCT n.key FROM written_names n
    WHERE NOT EXISTS (SELECT 1 FROM screening_name_keys k WHERE k.key = n.key);
  INSERT INTO screening_phonetic_keys (phonetic)
    SELECT DISTINCT n.phonetic FROM written_names n
    WHERE n.phonetic <> '' AND NOT EXISTS (SELECT 1 FROM screening_phonetic_keys p WHERE p.phonetic = n.phonetic);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER designation_screening_names_add_keys_on_insert AFTER INSERT ON designation_screening_names
  REFERENCING NEW TABLE AS written_names FOR EACH STATEMENT EXECUTE FUNCTION screening_key_dictionaries_add();--> statement-breakpoint
CREATE TRIGGER designation_screening_names_add_keys_on_update AFTER UPDATE ON designation_screening_names
  REFERENCING NEW TABLE AS written_names FOR EACH STATEMENT EXECUTE FUNCTION screening_key_dictionaries_add();--> statement-breakpoint
INSERT INTO screening_name_keys (key) SELECT DISTINCT key FROM designation_screening_names;--> statement-breakpoint
INSERT INTO screening_phonetic_keys (phonetic) SELECT DISTINCT phonetic FROM designation_screening_names WHERE phonetic <> '';

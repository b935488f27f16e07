CREATE TABLE "screening_key_tokens" (
	"token" text NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_name_tokens" (
	"token" text NOT NULL
);
--> statement-breakpoint
-- Token postings of the key dictionary (see src/db/schema/screening.ts), kept by the
-- dictionary's own changes, whichever code path makes them (name writes, compaction).
CREATE FUNCTION screening_key_tokens_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The dictionary adds only keys it lacks, so their postings are new (a duplicate from racing
  -- writers is harmless: retrieval counts a key's word once).
  INSERT INTO screening_key_tokens (token, key)
    SELECT DISTINCT t.token, k.key FROM added_keys k, regexp_split_to_table(k.key, ' ') AS t(token) WHERE t.token <> '';
  INSERT INTO screening_name_tokens (token)
    SELECT DISTINCT t.token FROM added_keys k, regexp_split_to_table(k.key, ' ') AS t(token)
    WHERE t.token <> '' AND NOT EXISTS (SELECT 1 FROM screening_name_tokens w WHERE w.token = t.token);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION screening_key_tokens_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A duplicate key removed while its twin stays keeps its postings.
  DELETE FROM screening_key_tokens p USING (SELECT DISTINCT key FROM removed_keys) r
    WHERE p.key = r.key AND NOT EXISTS (SELECT 1 FROM screening_name_keys k WHERE k.key = r.key);
  DELETE FROM screening_name_tokens w
    WHERE w.token IN (SELECT t.token FROM removed_keys r, regexp_split_to_table(r.key, ' ') AS t(token))
      AND NOT EXISTS (SELECT 1 FROM screening_key_tokens p WHERE p.token = w.token);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER screening_name_keys_add_tokens AFTER INSERT ON screening_name_keys
  REFERENCING NEW TABLE AS added_keys FOR EACH STATEMENT EXECUTE FUNCTION screening_key_tokens_add();--> statement-breakpoint
CREATE TRIGGER screening_name_keys_remove_tokens AFTER DELETE ON screening_name_keys
  REFERENCING OLD TABLE AS removed_keys FOR EACH STATEMENT EXECUTE FUNCTION screening_key_tokens_remove();--> statement-breakpoint
INSERT INTO screening_key_tokens (token, key)
  SELECT DISTINCT t.token, k.key FROM screening_name_keys k, regexp_split_to_table(k.key, ' ') AS t(token) WHERE t.token <> '';--> statement-breakpoint
INSERT INTO screening_name_tokens (token) SELECT DISTINCT token FROM screening_key_tokens;--> statement-breakpoint
CREATE INDEX "screening_key_tokens_token_key_idx" ON "screening_key_tokens" USING btree ("token","key");--> statement-breakpoint
CREATE INDEX "screening_key_tokens_key_idx" ON "screening_key_tokens" USING btree ("key");--> statement-breakpoint
CREATE INDEX "screening_name_tokens_token_idx" ON "screening_name_tokens" USING btree ("token");--> statement-breakpoint
CREATE INDEX "screening_name_tokens_trgm_idx" ON "screening_name_tokens" USING gin ("token" gin_trgm_ops) WITH (fastupdate=false);

-- The triggers that keep the key dictionaries and token postings check each new key, skeleton
-- and word against what is stored. Planned as a join, PostgreSQL read the whole dictionary into
-- a hash for every statement writing names (a seq scan of 88k keys for 1,000 designations at
-- 35k, growing with the dictionary: quadratic over a large seed or import); the few rows
-- written are probed in the dictionaries' btree indexes instead. Without hash joins the planner
-- prices the word split (regexp_split_to_table, estimated at 1,000 words a key) high enough to
-- compile the statement with JIT, 175 ms for a statement of 30 ms: JIT is off too.
ALTER FUNCTION screening_key_dictionaries_add() SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off;--> statement-breakpoint
ALTER FUNCTION screening_key_tokens_add() SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off;

-- Trigram indexes over names and aliases (and, later, fuzzy screening) need pg_trgm.
-- PGlite ships it as a contrib extension loaded at open; real servers have it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Free text (and an API key prefix) is a substring of one search text per entry: its action, actor,
-- target and metadata, joined by a unit separator (U+001F) so a phrase does not run from one into
-- the next. One trigram index over it replaces the four per column: a common word costs one posting
-- list instead of one per column, and one expression carries the planner statistics that
-- lib/audit/search/free-text-index.ts reads to choose which pieces of a phrase the index looks up.
--
-- A SQL-standard body (RETURN …, PostgreSQL 14 and later) is parsed here, once: what it calls is
-- fixed now, whatever search path a later ANALYZE or REINDEX runs with.
-- lib/audit/search/free-text-index.ts calls it by name.
CREATE FUNCTION audit_search_text(action text, actor_display text, target_display text, metadata jsonb)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN action || chr(31) || coalesce(actor_display, '') || chr(31) || coalesce(target_display, '') || chr(31) || metadata::text;

-- Built before the old indexes go, so searches keep an index meanwhile. CREATE INDEX takes a SHARE
-- lock: reads go on, appends wait for the build (tens of seconds per million entries). On a large trail,
-- build it beforehand without blocking appends, and this step finds it and skips the build:
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_entries_search_text_trgm_idx ON audit_entries
--     USING gin (org_id, audit_search_text(action, actor_display, target_display, metadata) gin_trgm_ops);
-- (after CREATE EXTENSION pg_trgm, btree_gin and the function above).
--
-- It leads with org_id (btree_gin), so a search hands on only its own organization's candidates:
-- other tenants' entries are never read to be dropped. pg_trgm and btree_gin ship with PostgreSQL;
-- without btree_gin the index is over the search text alone. Where pg_trgm is missing (the embedded
-- database), free text reads the organization's entries newest first.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    RETURN;
  END IF;
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin') THEN
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    CREATE INDEX IF NOT EXISTS "audit_entries_search_text_trgm_idx" ON "audit_entries"
      USING gin ("org_id", audit_search_text("action", "actor_display", "target_display", "metadata") gin_trgm_ops);
  ELSE
    CREATE INDEX IF NOT EXISTS "audit_entries_search_text_trgm_idx" ON "audit_entries"
      USING gin (audit_search_text("action", "actor_display", "target_display", "metadata") gin_trgm_ops);
  END IF;
  -- A sample of 500 search texts (instead of 100) in the statistics, on whichever column holds the
  -- search text: enough to tell a word on most entries from one on a few in a thousand.
  EXECUTE format('ALTER INDEX "audit_entries_search_text_trgm_idx" ALTER COLUMN %s SET STATISTICS 500',
                 (SELECT count(*) FROM pg_attribute WHERE attrelid = '"audit_entries_search_text_trgm_idx"'::regclass AND attnum > 0));
  -- The exact test of a phrase is written `audit_search_text(…) || ''` so that the index is not
  -- asked for it (free-text-index.ts); statistics of that expression tell the planner how common
  -- the phrase is, and so whether reading the newest entries finds a page sooner than the index.
  CREATE STATISTICS IF NOT EXISTS "audit_entries_search_text_exact_stats"
    ON ((audit_search_text("action", "actor_display", "target_display", "metadata") || '')) FROM "audit_entries";
  ALTER STATISTICS "audit_entries_search_text_exact_stats" SET STATISTICS 500;
  -- The old per-column indexes go only now that the new one is there.
  DROP INDEX IF EXISTS "audit_entries_action_trgm_idx";
  DROP INDEX IF EXISTS "audit_entries_actor_display_trgm_idx";
  DROP INDEX IF EXISTS "audit_entries_target_display_trgm_idx";
  DROP INDEX IF EXISTS "audit_entries_metadata_text_trgm_idx";
  -- Statistics now, rather than once autovacuum next analyzes (after a tenth more entries): until
  -- then free text could not choose the pieces it looks up.
  ANALYZE "audit_entries";
END
$$;

-- Free text finds what the audit table shows (issue 22: `wal_97` found nothing although a row's target showed
-- "wal_97"). The table shows an actor or target by its display name, else by its id, and the entry's IP and
-- location; the search text held only the display names. It now holds, joined by the unit separator (U+001F)
-- as before: action, actor display, actor id, target display, target id, IP, city, country and metadata.
-- lib/audit/search/free-text-index.ts calls it by name (SEARCH_TEXT); change both together.
CREATE FUNCTION audit_entry_search_text(action text, actor_display text, actor_id text, target_display text,
                                        target_id text, ip text, geo jsonb, metadata jsonb)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN action || chr(31) || coalesce(actor_display, '') || chr(31) || coalesce(actor_id, '') || chr(31)
    || coalesce(target_display, '') || chr(31) || coalesce(target_id, '') || chr(31) || coalesce(ip, '') || chr(31)
    || coalesce(geo ->> 'city', '') || chr(31) || coalesce(geo ->> 'country', '') || chr(31) || metadata::text;

-- The trigram index is rebuilt over the new text under the same name (free-text-index.ts reads its statistics by
-- that name). The old one goes first: both at once would cost twice the build. CREATE INDEX takes a SHARE lock:
-- reads go on, appends wait for the build (tens of seconds per million entries). On a large trail, build the new
-- one beforehand under another name with CREATE INDEX CONCURRENTLY, then drop the old and rename it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    RETURN;
  END IF;
  DROP STATISTICS IF EXISTS "audit_entries_search_text_exact_stats";
  DROP INDEX IF EXISTS "audit_entries_search_text_trgm_idx";
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gin') THEN
    CREATE INDEX "audit_entries_search_text_trgm_idx" ON "audit_entries"
      USING gin ("org_id", audit_entry_search_text("action", "actor_display", "actor_id", "target_display",
                                                   "target_id", "ip", "geo", "metadata") gin_trgm_ops);
  ELSE
    CREATE INDEX "audit_entries_search_text_trgm_idx" ON "audit_entries"
      USING gin (audit_entry_search_text("action", "actor_display", "actor_id", "target_display",
                                         "target_id", "ip", "geo", "metadata") gin_trgm_ops);
  END IF;
  EXECUTE format('ALTER INDEX "audit_entries_search_text_trgm_idx" ALTER COLUMN %s SET STATISTICS 500',
                 (SELECT count(*) FROM pg_attribute WHERE attrelid = '"audit_entries_search_text_trgm_idx"'::regclass AND attnum > 0));
  CREATE STATISTICS "audit_entries_search_text_exact_stats"
    ON ((audit_entry_search_text("action", "actor_display", "actor_id", "target_display", "target_id", "ip", "geo",
                                 "metadata") || '')) FROM "audit_entries";
  ALTER STATISTICS "audit_entries_search_text_exact_stats" SET STATISTICS 500;
  ANALYZE "audit_entries";
END
$$;

-- Nothing calls the old text any more (its index and statistics are gone above).
DROP FUNCTION IF EXISTS audit_search_text(text, text, text, jsonb);

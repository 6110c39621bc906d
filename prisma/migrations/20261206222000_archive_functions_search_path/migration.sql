-- The archive's functions name their tables unqualified. A function's search_path that does not name pg_temp
-- searches it first, so a role allowed temporary tables (PUBLIC is, by default) could shadow
-- audit_archive_segments with a table of its own and make verity_prune_archived_segment (SECURITY DEFINER) and
-- the triggers it fires delete entries no recorded segment covers. Pin each to this schema, pg_temp last.
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION verity_prune_archived_segment(uuid, bigint) SET search_path = %I, pg_temp',
    current_schema());
  EXECUTE format('ALTER FUNCTION verity_audit_entries_leave_only_archived() SET search_path = %I, pg_temp',
    current_schema());
  EXECUTE format('ALTER FUNCTION verity_archive_segments_follow_on() SET search_path = %I, pg_temp',
    current_schema());
END;
$$;

-- The link after a commit (lib/audit/link-committed.ts) commits without waiting for its WAL flush (issue 23; README,
-- Decisions, "Linking commits without a flush"). Nothing is lost if a crash drops it: what it wrote is derived from
-- what had already committed durably. Its input, the pending entries, committed with their changes (flushed), and
-- it only moves them into the chain in a fixed order (commit_order, then the order appended) from the head it
-- found, so linking them again after a crash gives every entry the same seq and hash. And a crash can only drop a
-- suffix of such links: any later flushed commit (a business change, a standalone append, a checkpoint) flushes the
-- WAL before it, this link included. So a webhook sent or a checkpoint signed from a dropped link names the same
-- entries the sweep links again. Only a transaction that wrote nothing before the call may do this: a business
-- transaction's own commit must still wait for its flush.
CREATE FUNCTION verity_link_committed_audit_entries(orgs uuid[], unless_linked uuid[] DEFAULT NULL)
RETURNS TABLE (entry_id uuid, entry_seq bigint, entry_hash text, entry_prev_hash text)
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_catalog.txid_current_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'committed audit entries are linked in a transaction of their own, not after other writes'
      USING ERRCODE = 'invalid_transaction_state';
  END IF;
  PERFORM pg_catalog.set_config('synchronous_commit', 'off', true);
  RETURN QUERY SELECT * FROM verity_link_pending_audit_entries(orgs, unless_linked);
END;
$$;

DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION verity_link_committed_audit_entries(uuid[], uuid[]) SET search_path = %I, pg_temp',
    current_schema());
END;
$$;
REVOKE ALL ON FUNCTION verity_link_committed_audit_entries(uuid[], uuid[]) FROM PUBLIC;

-- Audited changes are linked into the chain right after their commit, not inside it (issue 23; README, Decisions).
-- The business transaction only inserts its entries into audit_pending_entries; its commit gives them their place
-- (commit_order, drawn at the commit by the deferred trigger below) and checks that each organization has a chain
-- head, without locking it. Right after the commit the application links them (lib/audit/link-committed.ts calls
-- verity_link_pending_audit_entries(orgs, …)); a sweeper links whatever a crash left. The chain head is locked
-- only by the short linking transaction, which links every committed entry of the organization at once.

-- AlterTable
ALTER TABLE "audit_pending_entries" ADD COLUMN     "commit_order" BIGINT;

-- CreateIndex
CREATE INDEX "audit_pending_entries_org_id_commit_order_pending_id_idx" ON "audit_pending_entries"("org_id", "commit_order", "pending_id");

-- Every pending_id from its sequence, and no commit_order before the commit, whatever the inserting role sends: the
-- application role cannot reorder entries nor take a place another transaction will draw.
CREATE FUNCTION verity_audit_pending_entry_defaults() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.pending_id := pg_catalog.nextval('audit_pending_entries_pending_id_seq');
  NEW.tx_id := pg_catalog.txid_current();
  NEW.commit_order := NULL;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_pending_entries_defaults
  BEFORE INSERT ON "audit_pending_entries"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_pending_entry_defaults();

-- At the commit (the first firing of the transaction; the later ones stop at the flag): refuse the commit if an
-- entry's organization has no chain head (so the change does not stand without its entry), and give the
-- transaction's entries their place in commit order, one value for all of them. The head is read, never locked.
CREATE OR REPLACE FUNCTION verity_link_pending_audit_entries_at_commit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  own bigint := pg_catalog.txid_current();
  place bigint;
BEGIN
  IF pg_catalog.current_setting('verity.audit_commit_order', true) IS NOT DISTINCT FROM own::text THEN
    RETURN NULL;
  END IF;
  PERFORM pg_catalog.set_config('verity.audit_commit_order', own::text, true);
  IF EXISTS (SELECT 1 FROM audit_pending_entries p
              WHERE p.tx_id = own
                AND NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.org_id = p.org_id)) THEN
    RAISE EXCEPTION 'audit entries of this transaction cannot be linked: an organization has no audit chain head'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  place := pg_catalog.nextval('audit_pending_entries_pending_id_seq');
  UPDATE audit_pending_entries SET commit_order = place WHERE tx_id = own AND commit_order IS NULL;
  RETURN NULL;
END;
$$;

-- The linking. For the given organizations (NULL: those of the calling transaction's own pending entries), under
-- a per-organization advisory lock taken in org id order (so linkers of one organization take turns and see each
-- other's work: the linking statement's snapshot is taken after the lock), it links every pending entry it can
-- see: the committed ones in commit order (commit_order, then the order appended), then the caller's own, if it
-- has any, in the order appended; with lib/audit/append-batch.ts's LINK_CTES word for word (link-at-commit.test.ts
-- holds them together), their webhook deliveries included; and removes them. unless_linked: return at once, without
-- a lock, when none of these entries is pending any more (another linker took them). It answers each linked entry.
DROP FUNCTION verity_link_pending_audit_entries();
CREATE FUNCTION verity_link_pending_audit_entries(orgs uuid[] DEFAULT NULL, unless_linked uuid[] DEFAULT NULL)
RETURNS TABLE (entry_id uuid, entry_seq bigint, entry_hash text, entry_prev_hash text)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  own bigint := pg_catalog.txid_current_if_assigned();
  org uuid;
BEGIN
  IF orgs IS NULL THEN
    orgs := ARRAY(SELECT DISTINCT p.org_id FROM audit_pending_entries p WHERE p.tx_id = own);
  END IF;
  IF unless_linked IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM audit_pending_entries p WHERE p.org_id = ANY (orgs) AND p.id = ANY (unless_linked)) THEN
    RETURN;
  END IF;
  FOR org IN SELECT DISTINCT o FROM pg_catalog.unnest(orgs) AS o ORDER BY o LOOP
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('verity:audit-link:' || org::text, 0));
  END LOOP;
  RETURN QUERY
  WITH RECURSIVE input AS (
       SELECT p.id, p.org_id,
              (pg_catalog.row_number() OVER (PARTITION BY p.org_id
                 ORDER BY p.tx_id IS NOT DISTINCT FROM own, p.commit_order NULLS LAST, p.pending_id))::int AS ord,
              p.occurred_at, p.category, p.action, p.actor_type, p.actor_id, p.actor_display,
              p.target_type, p.target_id, p.target_display, p.outcome, p.ip, p.user_agent, p.geo, p.request_id,
              p.metadata, p.content_hash
         FROM audit_pending_entries p
        WHERE p.org_id = ANY (orgs)
     ),
     locked AS (
       SELECT org_id, seq, hash FROM audit_chain_heads
        WHERE org_id IN (SELECT org_id FROM input) ORDER BY org_id FOR UPDATE
     ),
     chain AS (
       SELECT i.org_id, i.ord, l.seq + 1 AS seq, l.hash::text AS prev_hash,
              pg_catalog.encode(
                pg_catalog.sha256(pg_catalog.decode(l.hash, 'hex') || pg_catalog.decode(i.content_hash, 'hex')), 'hex'
              ) AS hash
         FROM input i JOIN locked l ON l.org_id = i.org_id
        WHERE i.ord = 1
       UNION ALL
       SELECT i.org_id, i.ord, c.seq + 1, c.hash,
              pg_catalog.encode(
                pg_catalog.sha256(pg_catalog.decode(c.hash, 'hex') || pg_catalog.decode(i.content_hash, 'hex')), 'hex'
              )
         FROM chain c JOIN input i ON i.org_id = c.org_id AND i.ord = c.ord + 1
     ),
     last AS (
       SELECT DISTINCT ON (org_id) org_id, seq, prev_hash, hash FROM chain ORDER BY org_id, ord DESC
     ),
     head AS (
       UPDATE audit_chain_heads h
          SET seq = last.seq, prev_hash = last.prev_hash, hash = last.hash, updated_at = pg_catalog.now()
         FROM last WHERE h.org_id = last.org_id
       RETURNING h.org_id
     ),
     inserted AS (
     INSERT INTO audit_entries (
       id, org_id, seq, occurred_at, category, action,
       actor_type, actor_id, actor_display, target_type, target_id, target_display,
       outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash
     )
     SELECT i.id, i.org_id, c.seq, i.occurred_at::timestamptz, i.category, i.action,
            i.actor_type, i.actor_id, i.actor_display, i.target_type, i.target_id, i.target_display,
            i.outcome, i.ip, i.user_agent, i.geo::jsonb, i.request_id, i.metadata::jsonb, i.content_hash, c.prev_hash, c.hash
       FROM input i JOIN chain c ON c.org_id = i.org_id AND c.ord = i.ord
     RETURNING *
     ), 
  outbox AS (
    INSERT INTO webhook_deliveries (id, org_id, endpoint_id, audit_entry_id, event_type, payload, status, next_attempt_at,
                                    created_at)
    SELECT pg_catalog.gen_random_uuid(), i.org_id, e.id, i.id, i.action,
           pg_catalog.jsonb_build_object('type', i.action, 'timestamp', pg_catalog.to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'data', pg_catalog.jsonb_build_object(
      'id', i.id::text, 'orgId', i.org_id::text, 'seq', i.seq::text, 'occurredAt', pg_catalog.to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      'category', i.category, 'action', i.action,
      'actor', pg_catalog.jsonb_build_object('type', i.actor_type, 'id', i.actor_id, 'display', i.actor_display),
      'target', CASE WHEN i.target_type IS NULL THEN NULL
                     ELSE pg_catalog.jsonb_build_object('type', i.target_type, 'id', i.target_id,
                                                        'display', i.target_display) END,
      'outcome', i.outcome, 'ip', i.ip, 'userAgent', i.user_agent, 'geo', i.geo, 'requestId', i.request_id,
      'metadata', i.metadata, 'contentHash', i.content_hash, 'prevHash', i.prev_hash, 'hash', i.hash)),
           'pending', pg_catalog.now(), pg_catalog.now()
      FROM inserted i
      JOIN webhook_endpoints e ON e.org_id = i.org_id AND e.enabled AND e.deleted_at IS NULL
     WHERE (pg_catalog.cardinality(e.categories) = 0 AND pg_catalog.cardinality(e.actions) = 0)
        OR i.category = ANY (e.categories)
        OR i.action = ANY (e.actions)
        OR EXISTS (SELECT 1 FROM pg_catalog.unnest(e.actions) AS pattern
                    WHERE pg_catalog.right(pattern, 1) = '*' AND pg_catalog.starts_with(i.action, pg_catalog.left(pattern, -1)))
    RETURNING id
  ),
     linked AS (
       DELETE FROM audit_pending_entries p USING inserted i WHERE p.org_id = i.org_id AND p.id = i.id
       RETURNING p.id
     )
     SELECT i.id, i.seq, i.hash::text, i.prev_hash::text FROM inserted i;
END;
$$;

-- Each statement's snapshot in the functions above must see what committed before it (the link after the lock):
-- they are VOLATILE (the default). This schema first, pg_temp last, as for the archive's functions, and no one but
-- the owner and the application role (granted by the grants step) may call the linker.
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION verity_link_pending_audit_entries(uuid[], uuid[]) SET search_path = %I, pg_temp',
    current_schema());
  EXECUTE format('ALTER FUNCTION verity_link_pending_audit_entries_at_commit() SET search_path = %I, pg_temp',
    current_schema());
  EXECUTE format('ALTER FUNCTION verity_audit_pending_entry_defaults() SET search_path = %I, pg_temp', current_schema());
END;
$$;
REVOKE ALL ON FUNCTION verity_link_pending_audit_entries(uuid[], uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION verity_link_pending_audit_entries_at_commit() FROM PUBLIC;
REVOKE ALL ON FUNCTION verity_audit_pending_entry_defaults() FROM PUBLIC;

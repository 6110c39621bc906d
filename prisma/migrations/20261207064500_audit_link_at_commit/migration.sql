-- Audited changes link the chain at their commit, not at the append (issue 23; README, Decisions). An append in a
-- business transaction (appendAuditEntry) only inserts its prepared entry (content and content hash, computed by the
-- application) into audit_pending_entries; a deferred constraint trigger links the transaction's pending entries when
-- it commits, in the order they were appended, and removes them. The organization's chain head is then locked from
-- the commit's start to its end instead of from the append to the commit. The entry still commits with the change or
-- not at all: the linking runs inside the commit, and if it fails the transaction does.

-- CreateTable
CREATE TABLE "audit_pending_entries" (
    "pending_id" BIGSERIAL NOT NULL,
    "tx_id" BIGINT NOT NULL DEFAULT txid_current(),
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "category" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_display" TEXT,
    "target_type" TEXT,
    "target_id" TEXT,
    "target_display" TEXT,
    "outcome" TEXT NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "geo" JSONB,
    "request_id" TEXT,
    "metadata" JSONB NOT NULL,
    "content_hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_pending_entries_pkey" PRIMARY KEY ("pending_id")
);

-- CreateIndex
CREATE INDEX "audit_pending_entries_tx_id_pending_id_idx" ON "audit_pending_entries"("tx_id", "pending_id");

-- A pending entry belongs to the transaction that inserted it (the top-level one: txid_current() is the same in a
-- savepoint), and only that transaction's commit links it.
ALTER TABLE "audit_pending_entries" ADD CONSTRAINT "audit_pending_entries_own_transaction" CHECK (tx_id = txid_current());

-- The linking: the calling transaction's pending entries, in the order they were appended, linked by the same
-- statement as lib/audit/append-batch.ts's APPEND_BATCH_SQL (its LINK_CTES, verbatim: link-at-commit.test.ts holds
-- them together), then removed. It answers each linked entry. The application role may only read and insert
-- pending entries (append-only-tables.ts): this function, which runs as its owner, is the one thing that removes
-- them, and only the caller's own, once linked.
CREATE FUNCTION verity_link_pending_audit_entries()
RETURNS TABLE (entry_id uuid, entry_seq bigint, entry_hash text, entry_prev_hash text)
LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
WITH RECURSIVE input AS (
       SELECT p.id, p.org_id, (row_number() OVER (PARTITION BY p.org_id ORDER BY p.pending_id))::int AS ord,
              p.occurred_at, p.category, p.action, p.actor_type, p.actor_id, p.actor_display,
              p.target_type, p.target_id, p.target_display, p.outcome, p.ip, p.user_agent, p.geo, p.request_id,
              p.metadata, p.content_hash
         FROM audit_pending_entries p
        WHERE p.tx_id = txid_current()
     ),
     locked AS (
       SELECT org_id, seq, hash FROM audit_chain_heads
        WHERE org_id IN (SELECT org_id FROM input) ORDER BY org_id FOR UPDATE
     ),
     chain AS (
       SELECT i.org_id, i.ord, l.seq + 1 AS seq, l.hash::text AS prev_hash,
              encode(sha256(decode(l.hash, 'hex') || decode(i.content_hash, 'hex')), 'hex') AS hash
         FROM input i JOIN locked l ON l.org_id = i.org_id
        WHERE i.ord = 1
       UNION ALL
       SELECT i.org_id, i.ord, c.seq + 1, c.hash,
              encode(sha256(decode(c.hash, 'hex') || decode(i.content_hash, 'hex')), 'hex')
         FROM chain c JOIN input i ON i.org_id = c.org_id AND i.ord = c.ord + 1
     ),
     last AS (
       SELECT DISTINCT ON (org_id) org_id, seq, prev_hash, hash FROM chain ORDER BY org_id, ord DESC
     ),
     head AS (
       UPDATE audit_chain_heads h
          SET seq = last.seq, prev_hash = last.prev_hash, hash = last.hash, updated_at = now()
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
    SELECT gen_random_uuid(), i.org_id, e.id, i.id, i.action,
           jsonb_build_object('type', i.action, 'timestamp', to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'data', jsonb_build_object(
      'id', i.id::text, 'orgId', i.org_id::text, 'seq', i.seq::text, 'occurredAt', to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      'category', i.category, 'action', i.action,
      'actor', jsonb_build_object('type', i.actor_type, 'id', i.actor_id, 'display', i.actor_display),
      'target', CASE WHEN i.target_type IS NULL THEN NULL
                     ELSE jsonb_build_object('type', i.target_type, 'id', i.target_id, 'display', i.target_display) END,
      'outcome', i.outcome, 'ip', i.ip, 'userAgent', i.user_agent, 'geo', i.geo, 'requestId', i.request_id,
      'metadata', i.metadata, 'contentHash', i.content_hash, 'prevHash', i.prev_hash, 'hash', i.hash)),
           'pending', now(), now()
      FROM inserted i
      JOIN webhook_endpoints e ON e.org_id = i.org_id AND e.enabled AND e.deleted_at IS NULL
     WHERE (cardinality(e.categories) = 0 AND cardinality(e.actions) = 0)
        OR i.category = ANY (e.categories)
        OR i.action = ANY (e.actions)
        OR EXISTS (SELECT 1 FROM unnest(e.actions) AS pattern
                    WHERE right(pattern, 1) = '*' AND starts_with(i.action, left(pattern, -1)))
    RETURNING id
  ),
     linked AS (
       DELETE FROM audit_pending_entries p USING inserted i WHERE p.tx_id = txid_current() AND p.id = i.id
       RETURNING p.id
     )
     SELECT id, seq, hash::text, prev_hash::text FROM inserted
$$;

-- At the commit: the first firing links every pending entry of the transaction, the later ones find none. An entry
-- that could not be linked (its organization has no chain head) fails the commit, so the change does not stand
-- without its entry.
CREATE FUNCTION verity_link_pending_audit_entries_at_commit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  pending bigint;
  linked bigint;
BEGIN
  SELECT count(*) INTO pending FROM audit_pending_entries WHERE tx_id = txid_current();
  IF pending = 0 THEN
    RETURN NULL;
  END IF;
  SELECT count(*) INTO linked FROM verity_link_pending_audit_entries();
  IF linked <> pending THEN
    RAISE EXCEPTION 'audit entries of this transaction could not be linked (% of %): an organization has no audit chain head',
      pending - linked, pending USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER audit_pending_entries_link_at_commit
  AFTER INSERT ON "audit_pending_entries"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION verity_link_pending_audit_entries_at_commit();

-- As for the archive's functions (20261206222000): this schema first, pg_temp last, so no temporary table can
-- shadow the tables a SECURITY DEFINER function writes.
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION verity_link_pending_audit_entries() SET search_path = %I, pg_temp', current_schema());
  EXECUTE format('ALTER FUNCTION verity_link_pending_audit_entries_at_commit() SET search_path = %I, pg_temp',
    current_schema());
END;
$$;

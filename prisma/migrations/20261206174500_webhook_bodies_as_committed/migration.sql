-- Webhook bodies are now built by the statement that appends the entry, from the row it commits
-- (lib/audit/webhook-outbox.ts), and carry the entry's orgId, contentHash and occurredAt to the
-- microsecond. Deliveries written before hold no body: give them one, built the same way from their
-- entry, so the worker (and a replay) never re-reads an entry at send time.
UPDATE "webhook_deliveries" d
   SET "payload" = jsonb_build_object(
         'type', d."event_type",
         'timestamp', to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
         'data', jsonb_build_object(
           'id', i.id::text, 'orgId', i.org_id::text, 'seq', i.seq::text,
           'occurredAt', to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'category', i.category, 'action', i.action,
           'actor', jsonb_build_object('type', i.actor_type, 'id', i.actor_id, 'display', i.actor_display),
           'target', CASE WHEN i.target_type IS NULL THEN NULL
                          ELSE jsonb_build_object('type', i.target_type, 'id', i.target_id, 'display', i.target_display) END,
           'outcome', i.outcome, 'ip', i.ip, 'userAgent', i.user_agent, 'geo', i.geo, 'requestId', i.request_id,
           'metadata', i.metadata, 'contentHash', i.content_hash, 'prevHash', i.prev_hash, 'hash', i.hash))
  FROM "audit_entries" i
 WHERE i.id = d."audit_entry_id" AND i.org_id = d."org_id" AND d."payload" IS NULL;

/** An entry row's occurred_at as the view and the hash have it: UTC, six fractional digits. */
const OCCURRED_AT_MICROS = `pg_catalog.to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The entry's view (audit-entry-view.ts, the REST API's shape) as jsonb, from the row `i` the
 * statement inserted: a webhook body is what was committed, never re-read at send time, and carries
 * everything a receiver needs to recompute contentHash and hash. geo and metadata are the stored
 * jsonb themselves, the very values the content hash covers.
 */
const ENTRY_VIEW_JSON = `pg_catalog.jsonb_build_object(
      'id', i.id::text, 'orgId', i.org_id::text, 'seq', i.seq::text, 'occurredAt', ${OCCURRED_AT_MICROS},
      'category', i.category, 'action', i.action,
      'actor', pg_catalog.jsonb_build_object('type', i.actor_type, 'id', i.actor_id, 'display', i.actor_display),
      'target', CASE WHEN i.target_type IS NULL THEN NULL
                     ELSE pg_catalog.jsonb_build_object('type', i.target_type, 'id', i.target_id,
                                                        'display', i.target_display) END,
      'outcome', i.outcome, 'ip', i.ip, 'userAgent', i.user_agent, 'geo', i.geo, 'requestId', i.request_id,
      'metadata', i.metadata, 'contentHash', i.content_hash, 'prevHash', i.prev_hash, 'hash', i.hash)`;

/**
 * The webhook outbox, as SQL in the statement that appends audit entries (append-batch.ts): that
 * statement owns its fan-out, and lib/webhooks only reads and delivers the rows. Given a CTE named
 * `inserted` (the new entries' rows, every column), it writes one pending delivery per entry and
 * matching enabled endpoint, its body ({type, timestamp, data: the entry's view}) built from the row.
 * The deliveries commit or roll back with the entries, in the same statement, so no committed event
 * is ever missed and no rolled-back one ever sent.
 *
 * An endpoint matches an entry when it filters on nothing (every event), names the entry's category,
 * names its action, or names a prefix of it ("member.*").
 */
export const OUTBOX_CTE = `
  outbox AS (
    INSERT INTO webhook_deliveries (id, org_id, endpoint_id, audit_entry_id, event_type, payload, status, next_attempt_at,
                                    created_at)
    SELECT pg_catalog.gen_random_uuid(), i.org_id, e.id, i.id, i.action,
           pg_catalog.jsonb_build_object('type', i.action, 'timestamp', ${OCCURRED_AT_MICROS}, 'data', ${ENTRY_VIEW_JSON}),
           'pending', pg_catalog.now(), pg_catalog.now()
      FROM inserted i
      JOIN webhook_endpoints e ON e.org_id = i.org_id AND e.enabled AND e.deleted_at IS NULL
     WHERE (pg_catalog.cardinality(e.categories) = 0 AND pg_catalog.cardinality(e.actions) = 0)
        OR i.category = ANY (e.categories)
        OR i.action = ANY (e.actions)
        OR EXISTS (SELECT 1 FROM pg_catalog.unnest(e.actions) AS pattern
                    WHERE pg_catalog.right(pattern, 1) = '*' AND pg_catalog.starts_with(i.action, pg_catalog.left(pattern, -1)))
    RETURNING id
  )`;

/**
 * The webhook outbox, as SQL in the statement that appends audit entries (append-batch.ts): that
 * statement owns its fan-out, and lib/webhooks only reads and delivers the rows. Given a CTE named
 * `inserted` (the new entries' id, org_id, category and action), it writes one pending delivery per
 * entry and matching enabled endpoint. The deliveries commit or roll back with the entries, in the
 * same statement, so no committed event is ever missed and no rolled-back one ever sent.
 *
 * An endpoint matches an entry when it filters on nothing (every event), names the entry's category,
 * names its action, or names a prefix of it ("member.*").
 */
export const OUTBOX_CTE = `
  outbox AS (
    INSERT INTO webhook_deliveries (id, org_id, endpoint_id, audit_entry_id, event_type, status, next_attempt_at, created_at)
    SELECT gen_random_uuid(), i.org_id, e.id, i.id, i.action, 'pending', now(), now()
      FROM inserted i
      JOIN webhook_endpoints e ON e.org_id = i.org_id AND e.enabled AND e.deleted_at IS NULL
     WHERE (cardinality(e.categories) = 0 AND cardinality(e.actions) = 0)
        OR i.category = ANY (e.categories)
        OR i.action = ANY (e.actions)
        OR EXISTS (SELECT 1 FROM unnest(e.actions) AS pattern
                    WHERE right(pattern, 1) = '*' AND starts_with(i.action, left(pattern, -1)))
    RETURNING id
  )`;

-- A key rolled by someone other than its creator, before only the holder could roll, was received by
-- the roller: that person holds it. Each such replacement (named by its api_key.rolled entry) now acts
-- for the roller, capped by its scopes, and so do the keys it created (named by their api_key.created
-- entries, at any depth). A key whose holder is no longer a member of the organization is revoked, as
-- leaving would have revoked it. A roll made with an API key was received by that key's holder.
CREATE TEMP TABLE rolled_by_another ON COMMIT DROP AS
SELECT DISTINCT ON ((e.metadata->>'replacementId'))
       (e.metadata->>'replacementId')::uuid AS key_id,
       e.org_id,
       CASE WHEN e.actor_type = 'user' THEN e.actor_id::uuid
            ELSE (SELECT k.created_by_id FROM api_keys k WHERE k.id::text = e.actor_id AND k.org_id = e.org_id) END AS holder_id
  FROM audit_entries e
 WHERE e.action = 'api_key.rolled'
   AND e.actor_type IN ('user', 'api_key')
   AND e.metadata->>'replacementId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
   AND e.actor_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
 ORDER BY (e.metadata->>'replacementId'), e.seq DESC;

UPDATE api_keys k
   SET created_by_id = r.holder_id
  FROM rolled_by_another r
 WHERE k.id = r.key_id AND k.org_id = r.org_id
   AND r.holder_id IS NOT NULL AND r.holder_id <> k.created_by_id
   AND EXISTS (SELECT 1 FROM users u WHERE u.id = r.holder_id);

-- Keys created by keys are held by their parent's holder (a tree is at most a few levels deep).
DO $$
DECLARE moved integer;
BEGIN
  LOOP
    UPDATE api_keys child
       SET created_by_id = parent.created_by_id
      FROM audit_entries e
      JOIN api_keys parent ON parent.id::text = e.actor_id AND parent.org_id = e.org_id
     WHERE e.action = 'api_key.created' AND e.actor_type = 'api_key'
       AND e.target_id = child.id::text AND e.org_id = child.org_id
       AND child.created_by_id <> parent.created_by_id;
    GET DIAGNOSTICS moved = ROW_COUNT;
    EXIT WHEN moved = 0;
  END LOOP;
END $$;

UPDATE api_keys k
   SET revoked_at = now(), revoked_reason = 'auto_revoked', grace_ends_at = NULL
 WHERE k.revoked_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = k.org_id AND m.user_id = k.created_by_id);

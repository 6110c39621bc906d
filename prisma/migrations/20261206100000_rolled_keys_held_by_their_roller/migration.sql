-- Keys that existed before a key acted for its holder, and before a key created by a key was bound
-- by its parent, are brought under both rules, from what the audit trail recorded:
--
-- 1. Lineage. A key created by a key (an api_key.created entry whose actor is a key of the same
--    organization) names its parent, as keys created from now on do. A roll moves children to the
--    replacement, so the parent is the creating key's latest replacement; a replacement of a child
--    is a child of the same parent.
-- 2. Holders. A key acts for the person who received its secret: the replacement named by an
--    api_key.rolled entry is held by the person who rolled (or, for a roll made with a key, by that
--    key's holder), and a key created by a key is held by the creating key's holder. Holders follow
--    each other (a key rolled with a key that was itself rolled by someone else), so they are
--    resolved until nothing changes.
-- 3. A key whose holder is no longer a member of the organization is revoked, as leaving would have
--    revoked it.
-- 4. Children broader than their parent (later expiry, higher rate limit, writing while the parent is
--    read-only, a scope or a range the parent lacks) and children whose parent no longer works
--    (revoked, past its roll grace, expired) are revoked: today they could not have been created,
--    or would have been revoked with their parent.
-- Revocations here are `auto_revoked`, like those made when a member leaves.

-- 1. Lineage.
WITH RECURSIVE roll_chain AS (
  -- Every key with the first key of its chain of rolls.
  SELECT id, org_id, id AS first_id FROM api_keys WHERE rolled_from_id IS NULL
  UNION ALL
  SELECT k.id, k.org_id, c.first_id FROM api_keys k JOIN roll_chain c ON k.rolled_from_id = c.id AND k.org_id = c.org_id
), latest AS (
  -- The last key of each chain: the one no roll replaced.
  SELECT c.first_id, c.id FROM roll_chain c WHERE NOT EXISTS (SELECT 1 FROM api_keys n WHERE n.rolled_from_id = c.id)
), created_by_a_key AS (
  SELECT DISTINCT ON (e.target_id) e.target_id::uuid AS first_id, e.org_id, e.actor_id::uuid AS creator_id
    FROM audit_entries e
   WHERE e.action = 'api_key.created' AND e.actor_type = 'api_key' AND e.outcome = 'success'
     AND e.target_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
     AND e.actor_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
   ORDER BY e.target_id, e.seq DESC
)
UPDATE api_keys k
   SET created_by_key_id = parent.id
  FROM roll_chain child
  JOIN created_by_a_key c ON c.first_id = child.first_id AND c.org_id = child.org_id
  JOIN roll_chain creator ON creator.id = c.creator_id AND creator.org_id = c.org_id
  JOIN latest parent ON parent.first_id = creator.first_id
 WHERE k.id = child.id AND k.org_id = child.org_id
   AND k.created_by_key_id IS NULL
   AND creator.first_id <> child.first_id;

-- 2. Holders. Where each key's secret came from: the latest roll that produced it, else its creation
-- by a key. Keys created by a person are held by that person already.
CREATE TEMP TABLE key_source ON COMMIT DROP AS
SELECT DISTINCT ON (s.key_id) s.key_id, s.org_id, s.actor_type, s.actor_id
  FROM (
    SELECT (e.metadata->>'replacementId')::uuid AS key_id, e.org_id, e.actor_type, e.actor_id::uuid AS actor_id, 1 AS rank, e.seq
      FROM audit_entries e
     WHERE e.action = 'api_key.rolled' AND e.actor_type IN ('user', 'api_key')
       AND e.metadata->>'replacementId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       AND e.actor_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    UNION ALL
    SELECT e.target_id::uuid, e.org_id, e.actor_type, e.actor_id::uuid, 2, e.seq
      FROM audit_entries e
     WHERE e.action = 'api_key.created' AND e.actor_type = 'api_key' AND e.outcome = 'success'
       AND e.target_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       AND e.actor_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  ) s
 ORDER BY s.key_id, s.rank, s.seq DESC;

-- Received by a person: that person.
UPDATE api_keys k
   SET created_by_id = s.actor_id
  FROM key_source s
 WHERE s.actor_type = 'user' AND k.id = s.key_id AND k.org_id = s.org_id
   AND k.created_by_id <> s.actor_id
   AND EXISTS (SELECT 1 FROM users u WHERE u.id = s.actor_id);

-- Received with a key: that key's holder, as corrected so far. Every key's source existed before
-- it, so this settles within the depth of the longest chain; the bound only guards against a
-- trail edited by hand.
DO $$
DECLARE moved integer;
DECLARE rounds integer := 0;
BEGIN
  LOOP
    UPDATE api_keys k
       SET created_by_id = source.created_by_id
      FROM key_source s
      JOIN api_keys source ON source.id = s.actor_id AND source.org_id = s.org_id
     WHERE s.actor_type = 'api_key' AND k.id = s.key_id AND k.org_id = s.org_id
       AND k.created_by_id <> source.created_by_id;
    GET DIAGNOSTICS moved = ROW_COUNT;
    rounds := rounds + 1;
    EXIT WHEN moved = 0 OR rounds >= 1000;
  END LOOP;
END $$;

-- 3. Keys of people who have left.
UPDATE api_keys k
   SET revoked_at = now(), revoked_reason = 'auto_revoked', grace_ends_at = NULL
 WHERE k.revoked_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = k.org_id AND m.user_id = k.created_by_id);

-- 4. Children broader than their parent, or whose parent no longer works, from the top of each
-- lineage down (revoking a key stops its children too).
DO $$
DECLARE revoked integer;
BEGIN
  LOOP
    UPDATE api_keys child
       SET revoked_at = now(), revoked_reason = 'auto_revoked', grace_ends_at = NULL
      FROM api_keys parent
     WHERE parent.id = child.created_by_key_id AND parent.org_id = child.org_id
       AND child.revoked_at IS NULL
       AND (child.grace_ends_at IS NULL OR child.grace_ends_at > now())
       AND (parent.revoked_at IS NOT NULL
            OR (parent.grace_ends_at IS NOT NULL AND parent.grace_ends_at <= now())
            OR parent.expires_at <= now()
            OR child.expires_at > parent.expires_at
            OR child.rate_limit_per_minute > parent.rate_limit_per_minute
            OR (parent.read_only AND NOT child.read_only)
            OR NOT (child.scopes <@ parent.scopes)
            OR (cardinality(parent.allowed_cidrs) > 0
                AND (cardinality(child.allowed_cidrs) = 0
                     OR EXISTS (SELECT 1 FROM unnest(child.allowed_cidrs::inet[]) AS inner_range
                                 WHERE NOT (inner_range <<= ANY (parent.allowed_cidrs::inet[]))))));
    GET DIAGNOSTICS revoked = ROW_COUNT;
    EXIT WHEN revoked = 0;
  END LOOP;
END $$;

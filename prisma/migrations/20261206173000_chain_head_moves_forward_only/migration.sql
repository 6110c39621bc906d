-- The chain head moves only forward, and only together with the entries it covers (written by hand:
-- the Prisma schema cannot express triggers). Advancing it is the append statement's job
-- (lib/audit/append-batch.ts); these triggers hold every role to that, the application's included:
-- moving a head back would make every later append of its organization fail, moving it forward without
-- entries would leave a permanent gap, and an entry past the head would block the next append.
-- They are AFTER triggers: they run at the end of the statement and see all of it, so the append
-- statement, whose data-modifying CTEs cannot see each other's rows, passes them in one round trip.

-- A head is created at the start of its chain, never later (a deleted head cannot come back elsewhere).
CREATE FUNCTION verity_chain_head_starts_at_genesis() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq <> 0 OR NEW.hash <> repeat('0', 64) OR NEW.prev_hash <> repeat('0', 64) THEN
    RAISE EXCEPTION 'audit chain head of organization % must start at seq 0 with the genesis hash', NEW.org_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM audit_entries WHERE org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'audit chain head of organization % cannot start again: the organization has entries', NEW.org_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_chain_heads_start_at_genesis
  AFTER INSERT ON "audit_chain_heads"
  FOR EACH ROW EXECUTE FUNCTION verity_chain_head_starts_at_genesis();

-- A head only moves forward, to an entry of its organization that the same statement wrote: the entry
-- at the new seq carries the head's hash and prev_hash, and every seq in between exists.
CREATE FUNCTION verity_chain_head_moves_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  covered bigint;
  landed boolean;
BEGIN
  IF NEW.org_id <> OLD.org_id THEN
    RAISE EXCEPTION 'audit chain head of organization % cannot change organization', OLD.org_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'audit chain head of organization % only moves forward: seq % to % refused', OLD.org_id, OLD.seq, NEW.seq
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  -- One range scan of the entries the move covers: how many there are, and whether the last one is the head's.
  SELECT count(*), coalesce(bool_or(seq = NEW.seq AND hash = NEW.hash AND prev_hash = NEW.prev_hash), false)
    INTO covered, landed
    FROM audit_entries WHERE org_id = NEW.org_id AND seq > OLD.seq AND seq <= NEW.seq;
  IF NOT landed THEN
    RAISE EXCEPTION 'audit chain head of organization % cannot move to seq %: no entry there with the head''s hash',
      OLD.org_id, NEW.seq USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF covered <> NEW.seq - OLD.seq THEN
    RAISE EXCEPTION 'audit chain head of organization % cannot move from seq % to %: entries are missing in between',
      OLD.org_id, OLD.seq, NEW.seq USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_chain_heads_move_forward
  AFTER UPDATE ON "audit_chain_heads"
  FOR EACH ROW EXECUTE FUNCTION verity_chain_head_moves_forward();

CREATE FUNCTION verity_chain_heads_stay() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit chain heads stay: % is not allowed on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_chain_heads_no_delete
  BEFORE DELETE ON "audit_chain_heads"
  FOR EACH ROW EXECUTE FUNCTION verity_chain_heads_stay();

CREATE TRIGGER audit_chain_heads_no_truncate
  BEFORE TRUNCATE ON "audit_chain_heads"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_chain_heads_stay();

-- Every entry an INSERT writes is covered by its organization's head when the statement ends: entries
-- are written by the statement that advances the head, never past it.
CREATE FUNCTION verity_audit_entries_within_head() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  stray record;
BEGIN
  SELECT n.org_id, n.seq, h.seq AS head_seq INTO stray
    FROM new_entries n LEFT JOIN audit_chain_heads h ON h.org_id = n.org_id
   WHERE h.seq IS NULL OR n.seq > h.seq
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'audit entry seq % of organization % is past its chain head (seq %): entries are appended with the head',
      stray.seq, stray.org_id, coalesce(stray.head_seq::text, 'none') USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_entries_within_head
  AFTER INSERT ON "audit_entries"
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_within_head();

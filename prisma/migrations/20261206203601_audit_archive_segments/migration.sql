-- CreateTable
CREATE TABLE "audit_archive_segments" (
    "org_id" UUID NOT NULL,
    "from_seq" BIGINT NOT NULL,
    "to_seq" BIGINT NOT NULL,
    "first_prev_hash" CHAR(64) NOT NULL,
    "last_hash" CHAR(64) NOT NULL,
    "object_key" TEXT NOT NULL,
    "object_sha256" CHAR(64) NOT NULL,
    "object_bytes" BIGINT NOT NULL,
    "checkpoint_size" BIGINT NOT NULL,
    "first_occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "last_occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_archive_segments_pkey" PRIMARY KEY ("org_id","from_seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_archive_segments_org_id_to_seq_key" ON "audit_archive_segments"("org_id", "to_seq");

-- AddForeignKey
ALTER TABLE "audit_archive_segments" ADD CONSTRAINT "audit_archive_segments_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (the Prisma schema cannot express triggers or functions). The archive's records are
-- evidence too: append-only, whoever asks.
CREATE TRIGGER audit_archive_segments_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_archive_segments"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();
CREATE TRIGGER audit_archive_segments_no_truncate
  BEFORE TRUNCATE ON "audit_archive_segments"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();

-- Entries still never change. They may leave only as archived segments: the row trigger that refused every
-- DELETE becomes one that refuses UPDATE, and a statement trigger checks each DELETE once it has run.
DROP TRIGGER audit_entries_no_update_or_delete ON "audit_entries";
CREATE TRIGGER audit_entries_no_update
  BEFORE UPDATE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();

-- A DELETE of entries stands only when, for each organization it touches, (1) every removed entry lies in a
-- recorded archive segment, (2) a removed segment boundary carries the hashes the segment recorded, (3) it
-- removed a prefix: no entry of the organization remains below the highest seq it removed, and (4) it ends at
-- the end of a segment. Together: the removed rows are exactly whole recorded segments at the start of what
-- remains of the chain, never a hole in the middle. It holds for every role, the owner's included.
CREATE FUNCTION verity_audit_entries_leave_only_archived() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT g.org_id, g.seq INTO bad FROM removed_entries g
   WHERE NOT EXISTS (SELECT 1 FROM audit_archive_segments s
                      WHERE s.org_id = g.org_id AND g.seq BETWEEN s.from_seq AND s.to_seq)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'audit entry seq % of organization % is in no archived segment: entries are append-only', bad.seq, bad.org_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT g.org_id, g.seq INTO bad FROM removed_entries g JOIN audit_archive_segments s ON s.org_id = g.org_id
   WHERE (g.seq = s.to_seq AND g.hash <> s.last_hash) OR (g.seq = s.from_seq AND g.prev_hash <> s.first_prev_hash)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'audit entry seq % of organization % is not the entry its archived segment recorded', bad.seq, bad.org_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  SELECT c.org_id, c.cut INTO bad FROM (SELECT org_id, max(seq) AS cut FROM removed_entries GROUP BY org_id) c
   WHERE EXISTS (SELECT 1 FROM audit_entries e WHERE e.org_id = c.org_id AND e.seq < c.cut)
      OR NOT EXISTS (SELECT 1 FROM audit_archive_segments s WHERE s.org_id = c.org_id AND s.to_seq = c.cut)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'removing audit entries of organization % through seq % would leave a hole: only whole archived segments at the start of the chain may leave',
      bad.org_id, bad.cut USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_entries_leave_only_archived
  AFTER DELETE ON "audit_entries"
  REFERENCING OLD TABLE AS removed_entries
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_leave_only_archived();

-- The one way the application removes entries: it has no DELETE on audit_entries (grant-app-role.ts), so it
-- calls this function, which runs as its owner (the migrations' role) and removes exactly one recorded
-- segment's entries; the trigger above still checks the cut. Removing a segment already gone removes nothing.
CREATE FUNCTION verity_prune_archived_segment(p_org_id uuid, p_from_seq bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  segment record;
  removed bigint;
BEGIN
  SELECT from_seq, to_seq INTO segment FROM audit_archive_segments WHERE org_id = p_org_id AND from_seq = p_from_seq;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no archived segment of organization % starts at seq %', p_org_id, p_from_seq
      USING ERRCODE = 'no_data_found';
  END IF;
  DELETE FROM audit_entries WHERE org_id = p_org_id AND seq >= segment.from_seq AND seq <= segment.to_seq;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END;
$$;

-- Segments are recorded in chain order: each starts right after the one before and links to its last hash
-- (the first starts at seq 1 with the genesis hash), so the archived part of a chain is always a prefix.
CREATE FUNCTION verity_archive_segments_follow_on() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  previous_seq bigint := 0;
  previous_hash text := repeat('0', 64);
BEGIN
  SELECT to_seq, last_hash INTO previous_seq, previous_hash FROM audit_archive_segments
   WHERE org_id = NEW.org_id ORDER BY to_seq DESC LIMIT 1;
  IF NOT FOUND THEN
    previous_seq := 0;
    previous_hash := repeat('0', 64);
  END IF;
  IF NEW.from_seq <> previous_seq + 1 OR NEW.first_prev_hash <> previous_hash OR NEW.to_seq < NEW.from_seq THEN
    RAISE EXCEPTION 'archive segment %..% of organization % does not follow on from seq % of the archive',
      NEW.from_seq, NEW.to_seq, NEW.org_id, previous_seq USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_archive_segments_follow_on
  BEFORE INSERT ON "audit_archive_segments"
  FOR EACH ROW EXECUTE FUNCTION verity_archive_segments_follow_on();

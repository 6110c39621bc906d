-- CreateIndex (first: building it takes a SHARE lock, so searches keep running meanwhile; the old
-- index then goes with a brief exclusive lock instead of one held for the whole build)
CREATE INDEX "audit_entries_org_id_occurred_at_seq_idx" ON "audit_entries"("org_id", "occurred_at", "seq");

-- DropIndex
DROP INDEX "audit_entries_org_id_occurred_at_idx";

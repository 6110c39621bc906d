-- DropIndex
DROP INDEX "audit_entries_org_id_occurred_at_idx";

-- CreateIndex
CREATE INDEX "audit_entries_org_id_occurred_at_seq_idx" ON "audit_entries"("org_id", "occurred_at", "seq");

-- CreateTable
CREATE TABLE "audit_log_keys" (
    "id" BIGSERIAL NOT NULL,
    "key_id" CHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "vkey" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_log_keys_valid_from_idx" ON "audit_log_keys"("valid_from");

-- Append-only, like audit_entries (written by hand: the Prisma schema cannot express triggers): a published
-- key is evidence for every checkpoint it signed, so the database refuses to change or remove one, and the
-- same trigger function as audit_entries' says so.
CREATE TRIGGER audit_log_keys_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_log_keys"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();

CREATE TRIGGER audit_log_keys_no_truncate
  BEFORE TRUNCATE ON "audit_log_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();

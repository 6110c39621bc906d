-- CreateTable
CREATE TABLE "audit_archive_purges" (
    "org_id" UUID NOT NULL,
    "from_seq" BIGINT NOT NULL,
    "to_seq" BIGINT NOT NULL,
    "object_key" TEXT NOT NULL,
    "object_sha256" CHAR(64) NOT NULL,
    "purged_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_archive_purges_pkey" PRIMARY KEY ("org_id","from_seq")
);

-- AddForeignKey
ALTER TABLE "audit_archive_purges" ADD CONSTRAINT "audit_archive_purges_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (the Prisma schema cannot express triggers). A purge record is evidence that a range was
-- deleted on purpose, at the end of retention: append-only, whoever asks.
CREATE TRIGGER audit_archive_purges_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_archive_purges"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();
CREATE TRIGGER audit_archive_purges_no_truncate
  BEFORE TRUNCATE ON "audit_archive_purges"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();

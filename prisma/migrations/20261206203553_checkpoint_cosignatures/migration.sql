-- CreateTable
CREATE TABLE "audit_checkpoint_cosignatures" (
    "org_id" UUID NOT NULL,
    "size" BIGINT NOT NULL,
    "witness_name" TEXT NOT NULL,
    "witness_key_id" CHAR(8) NOT NULL,
    "signature_line" TEXT NOT NULL,
    "cosigned_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoint_cosignatures_pkey" PRIMARY KEY ("org_id","size","witness_name","witness_key_id")
);

-- CreateIndex
CREATE INDEX "audit_checkpoint_cosignatures_org_id_witness_name_witness_k_idx" ON "audit_checkpoint_cosignatures"("org_id", "witness_name", "witness_key_id", "size");

-- AddForeignKey
ALTER TABLE "audit_checkpoint_cosignatures" ADD CONSTRAINT "audit_checkpoint_cosignatures_org_id_size_fkey" FOREIGN KEY ("org_id", "size") REFERENCES "audit_checkpoints"("org_id", "size") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (the Prisma schema cannot express checks or triggers).
-- A key id is 8 lowercase hex digits, and the line is a signed-note signature line by the witness it names.
ALTER TABLE "audit_checkpoint_cosignatures" ADD CONSTRAINT "audit_checkpoint_cosignatures_line"
  CHECK ("witness_key_id" ~ '^[0-9a-f]{8}$' AND starts_with("signature_line", '— ' || "witness_name" || ' '));

-- Append-only, like the checkpoints it signs, with the same function as audit_entries': the database refuses to
-- change or remove a stored cosignature, whoever asks.
CREATE TRIGGER audit_checkpoint_cosignatures_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_checkpoint_cosignatures"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();
CREATE TRIGGER audit_checkpoint_cosignatures_no_truncate
  BEFORE TRUNCATE ON "audit_checkpoint_cosignatures"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();

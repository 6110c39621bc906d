-- CreateTable
CREATE TABLE "audit_tree_tiles" (
    "org_id" UUID NOT NULL,
    "level" SMALLINT NOT NULL,
    "tile_index" BIGINT NOT NULL,
    "hashes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_tree_tiles_pkey" PRIMARY KEY ("org_id","level","tile_index")
);

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "org_id" UUID NOT NULL,
    "size" BIGINT NOT NULL,
    "root_hash" CHAR(64) NOT NULL,
    "chain_hash" CHAR(64) NOT NULL,
    "note" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("org_id","size")
);

-- CreateTable
CREATE TABLE "audit_integration_halts" (
    "org_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_integration_halts_pkey" PRIMARY KEY ("org_id")
);

-- AddForeignKey
ALTER TABLE "audit_tree_tiles" ADD CONSTRAINT "audit_tree_tiles_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_integration_halts" ADD CONSTRAINT "audit_integration_halts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (the Prisma schema cannot express checks or triggers).
-- A tile holds exactly 256 hashes of 32 bytes; hashes are lowercase hex like the chain's; a tree is never empty
-- when signed.
ALTER TABLE "audit_tree_tiles" ADD CONSTRAINT "audit_tree_tiles_full" CHECK (octet_length("hashes") = 8192);
ALTER TABLE "audit_tree_tiles" ADD CONSTRAINT "audit_tree_tiles_position" CHECK ("level" >= 0 AND "tile_index" >= 0);
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_hashes"
  CHECK ("size" > 0 AND "root_hash" ~ '^[0-9a-f]{64}$' AND "chain_hash" ~ '^[0-9a-f]{64}$');

-- Append-only, like audit_entries, with the same function: the database refuses to change or remove a tile,
-- a checkpoint or a halt, whoever asks.
CREATE TRIGGER audit_tree_tiles_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_tree_tiles"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();
CREATE TRIGGER audit_tree_tiles_no_truncate
  BEFORE TRUNCATE ON "audit_tree_tiles"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();

CREATE TRIGGER audit_checkpoints_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();

CREATE TRIGGER audit_integration_halts_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_integration_halts"
  FOR EACH ROW EXECUTE FUNCTION verity_audit_entries_are_append_only();
CREATE TRIGGER audit_integration_halts_no_truncate
  BEFORE TRUNCATE ON "audit_integration_halts"
  FOR EACH STATEMENT EXECUTE FUNCTION verity_audit_entries_are_append_only();

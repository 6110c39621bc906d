/**
 * The tables the application role may only read and append to (SELECT, INSERT): the evidence.
 * Their rows are never changed or removed by the application, and the grants step
 * (migrations/grant-app-role.ts) gives the application role nothing more on them, so neither a bug
 * nor a stolen application password can rewrite them. Add every new log table here (Merkle tiles,
 * checkpoints, published log keys): a table missing from this list gets full DML.
 */
export const APPEND_ONLY_TABLES: readonly string[] = [
  "audit_entries",
  // Removed only by the linker at commit (verity_link_pending_audit_entries, which runs as the owner).
  "audit_pending_entries",
  "audit_log_keys",
  "audit_tree_tiles",
  "audit_checkpoints",
  "audit_checkpoint_cosignatures",
  "audit_integration_halts",
  "audit_archive_segments",
  "audit_archive_purges",
];

/**
 * Tables the application role may only read: the migration history, so that the role that serves
 * requests cannot make `verity db status` report a history that did not happen.
 */
export const READ_ONLY_TABLES: readonly string[] = ["_prisma_migrations"];

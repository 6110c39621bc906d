import "server-only";
import type { Tx } from "@/lib/db/client";

export type PublishedLogKeyView = {
  keyId: string;
  name: string;
  vkey: string;
  validFrom: string;
  validUntil: string | null;
};

/**
 * Every key the log ever signed checkpoints with, oldest first, each valid until the next one took over (the
 * last is current: validUntil null), as listPublishedLogKeys (log-keys.ts) reads them, but in the request's
 * transaction: the keys are the instance's, not an organization's, and the embedded database serves one
 * transaction at a time.
 */
export async function publishedLogKeys(tx: Tx): Promise<PublishedLogKeyView[]> {
  const rows = await tx.auditLogKey.findMany({ orderBy: [{ validFrom: "asc" }, { id: "asc" }] });
  return rows.map((row, index) => ({
    keyId: row.keyId,
    name: row.name,
    vkey: row.vkey,
    validFrom: row.validFrom.toISOString(),
    validUntil: rows[index + 1]?.validFrom.toISOString() ?? null,
  }));
}

import "server-only";
import { listPublishedLogKeys } from "@/lib/audit/checkpoints/log-keys";
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
 * last is current: validUntil null), read in the request's transaction: the keys are the instance's, not an
 * organization's.
 */
export async function publishedLogKeys(tx: Tx): Promise<PublishedLogKeyView[]> {
  return (await listPublishedLogKeys(tx)).map((key) => ({
    ...key,
    validFrom: key.validFrom.toISOString(),
    validUntil: key.validUntil?.toISOString() ?? null,
  }));
}

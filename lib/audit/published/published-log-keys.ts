import "server-only";
import { getDb } from "@/lib/db";
import { listPublishedLogKeys } from "../checkpoints/log-keys";

export type PublishedLogKeyView = {
  keyId: string;
  name: string;
  vkey: string;
  validFrom: string;
  validUntil: string | null;
};

/**
 * Every key the log ever signed checkpoints with, oldest first, each with its validity window (the last one
 * is current: validUntil null). The keys are the instance's, not an organization's, so they are read outside
 * the request's transaction.
 */
export async function publishedLogKeys(): Promise<PublishedLogKeyView[]> {
  return (await listPublishedLogKeys(getDb())).map((key) => ({
    keyId: key.keyId,
    name: key.name,
    vkey: key.vkey,
    validFrom: key.validFrom.toISOString(),
    validUntil: key.validUntil?.toISOString() ?? null,
  }));
}

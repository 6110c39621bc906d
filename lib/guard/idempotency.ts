import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { IDEMPOTENCY_KEY_RETENTION_MS } from "@/lib/lifecycle/operational-retention";

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type StoredResponse = { status: number; body: unknown; replayed: boolean };

/**
 * Runs `work` at most once per Idempotency-Key (per API key, for 24 hours), inside the caller's
 * transaction. The key is reserved with INSERT … ON CONFLICT DO NOTHING: a concurrent request with
 * the same key waits on that row until the first commits, then answers the stored response. The same
 * key with a different request is refused, and a request whose work fails stores nothing (its
 * transaction, reservation included, rolls back), so a retry runs again. Answers belong to the API
 * key that made the request: another key sending the same Idempotency-Key (guessed, or chosen by a
 * colleague) runs its own request and never reads the first key's answer.
 */
export async function onceForIdempotencyKey(
  tx: Tx,
  { orgId, apiKeyId, key, request }: { orgId: string; apiKeyId: string; key: string; request: string },
  work: () => Promise<{ status: number; body: unknown }>,
  now = new Date(),
): Promise<StoredResponse> {
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("invalid_input", "Idempotency-Key must be 1 to 255 printable ASCII characters.", {
      "Idempotency-Key": ["1 to 255 printable ASCII characters."],
    });
  }
  const requestHash = createHash("sha256").update(request).digest("hex");
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_KEY_RETENTION_MS);
  await tx.$executeRaw`
    DELETE FROM idempotency_keys
     WHERE org_id = ${orgId}::uuid AND api_key_id = ${apiKeyId}::uuid AND key = ${key} AND expires_at <= ${now}`;
  const reserved = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO idempotency_keys (org_id, api_key_id, key, request_hash, status, response, created_at, expires_at)
    VALUES (${orgId}::uuid, ${apiKeyId}::uuid, ${key}, ${requestHash}, 0, 'null'::jsonb, ${now}, ${expiresAt})
    ON CONFLICT (org_id, api_key_id, key) DO NOTHING
    RETURNING key`;
  if (reserved.length === 0) {
    const stored = await tx.idempotencyKey.findUniqueOrThrow({
      where: { orgId_apiKeyId_key: { orgId, apiKeyId, key } },
    });
    if (stored.requestHash !== requestHash) {
      throw new AppError(
        "unprocessable",
        "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
      );
    }
    return { status: stored.status, body: stored.response, replayed: true };
  }
  const response = await work();
  await tx.idempotencyKey.update({
    where: { orgId_apiKeyId_key: { orgId, apiKeyId, key } },
    data: { status: response.status, response: (response.body ?? null) as Prisma.InputJsonValue },
  });
  return { ...response, replayed: false };
}

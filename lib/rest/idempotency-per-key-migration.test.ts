import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrationScratch } from "@/lib/testing/migration-scratch";

const MIGRATION = "20261206084917_api_key_lineage_and_idempotency_per_key";

describe(`migration ${MIGRATION}`, () => {
  const scratch = migrationScratch(MIGRATION);

  it("keeps each stored Idempotency-Key answer for the key whose entry it is, and drops the ones it cannot attribute", async () => {
    await scratch.upToBefore();
    const client = scratch.client();

    const [org, otherOrg, user, key, foreignKey] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, 'a@example.test', 'A', 'x', now())`,
      [user],
    );
    await client.query(`INSERT INTO organizations (id, slug, name) VALUES ($1, 'one', 'One'), ($2, 'two', 'Two')`, [
      org,
      otherOrg,
    ]);
    const insertKey = `INSERT INTO api_keys (id, org_id, created_by_id, name, environment, prefix, last4, key_hash, scopes,
                                             rate_limit_per_minute, expires_at)
                       VALUES ($1, $2, $3, 'k', 'TEST', 'vk_test_AbCd', 'wxyz', $4, ARRAY['audit.ingest'], 600, now() + interval '1 day')`;
    await client.query(insertKey, [key, org, user, "a".repeat(64)]);
    await client.query(insertKey, [foreignKey, otherOrg, user, "b".repeat(64)]);
    const store = (orgId: string, idempotencyKey: string, response: unknown) =>
      client.query(
        `INSERT INTO idempotency_keys (org_id, key, request_hash, status, response, expires_at)
         VALUES ($1, $2, $3, 201, $4::jsonb, now() + interval '1 day')`,
        [orgId, idempotencyKey, "c".repeat(64), JSON.stringify(response)],
      );
    await store(org, "ours", { id: "entry-1", actor: { type: "api_key", id: key, display: "k (vk_test_AbCd…)" } });
    await store(org, "someone else's org's key", {
      id: "entry-2",
      actor: { type: "api_key", id: foreignKey, display: "k" },
    });
    await store(org, "not a key", { id: "entry-3", actor: { type: "user", id: user, display: "a@example.test" } });
    await store(org, "not an id", { id: "entry-4", actor: { type: "api_key", id: "key_1", display: "k" } });

    await scratch.apply();
    const { rows } = await client.query<{ key: string; api_key_id: string }>(
      `SELECT key, api_key_id::text FROM idempotency_keys ORDER BY key`,
    );
    expect(rows).toEqual([{ key: "ours", api_key_id: key }]);
  });
});

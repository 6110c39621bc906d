import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrationScratch } from "@/lib/testing/migration-scratch";

const MIGRATION = "20261206100000_rolled_keys_held_by_their_roller";

/**
 * Before only a key's holder could roll it, an admin could roll the owner's key and receive the
 * secret of a key that acted as the owner. The migration hands every such key (and the keys it
 * created) to the person who received it, and revokes what a departed person still held.
 */
describe(`migration ${MIGRATION}`, () => {
  const scratch = migrationScratch(MIGRATION);

  it("makes the roller the holder of the keys they received, and revokes those of a roller who has left", async () => {
    await scratch.upToBefore();
    const client = scratch.client();

    const [org, owner, admin, departed] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const [original, rolledByAdmin, mintedByRolled, rolledByDeparted, ownRoll, plain] = Array.from({ length: 6 }, () => randomUUID());
    await client.query(`INSERT INTO organizations (id, slug, name) VALUES ($1, 'acme', 'Acme')`, [org]);
    for (const [id, email] of [[owner, "owner"], [admin, "admin"], [departed, "departed"]]) {
      await client.query(`INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $2, 'x', now())`, [id, `${email}@example.test`]);
    }
    await client.query(`INSERT INTO memberships (id, org_id, user_id, role) VALUES ($1, $2, $3, 'OWNER'), ($4, $2, $5, 'ADMIN')`, [randomUUID(), org, owner, randomUUID(), admin]);
    const key = (id: string, holder: string, n: number) =>
      client.query(
        `INSERT INTO api_keys (id, org_id, created_by_id, name, environment, prefix, last4, key_hash, scopes, rate_limit_per_minute, expires_at)
         VALUES ($1, $2, $3, 'k', 'TEST', 'vk_test_AbCd', 'wxyz', $4, ARRAY['org.read'], 600, now() + interval '1 day')`,
        [id, org, holder, String(n).repeat(64)],
      );
    // Every key was recorded as the owner's: that was the flaw.
    for (const [n, id] of [original, rolledByAdmin, mintedByRolled, rolledByDeparted, ownRoll, plain].entries()) await key(id, owner, n);
    let seq = 0;
    const entry = (action: string, actorType: string, actorId: string, targetId: string, metadata: object) =>
      client.query(
        `INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, actor_id, target_type, target_id, outcome, metadata, content_hash, prev_hash, hash)
         VALUES ($1, $2, $3, now(), 'api_keys', $4, $5, $6, 'api_key', $7, 'success', $8::jsonb, $9, $9, $9)`,
        [randomUUID(), org, ++seq, action, actorType, actorId, targetId, JSON.stringify(metadata), "0".repeat(64)],
      );
    await entry("api_key.rolled", "user", admin, original, { replacementId: rolledByAdmin });
    await entry("api_key.created", "api_key", rolledByAdmin, mintedByRolled, {});
    await entry("api_key.rolled", "user", departed, original, { replacementId: rolledByDeparted });
    await entry("api_key.rolled", "user", owner, original, { replacementId: ownRoll });

    await scratch.apply();
    const { rows } = await client.query<{ id: string; created_by_id: string; revoked: boolean; revoked_reason: string | null }>(
      `SELECT id::text, created_by_id::text, revoked_at IS NOT NULL AS revoked, revoked_reason FROM api_keys`,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(rolledByAdmin)).toMatchObject({ created_by_id: admin, revoked: false });
    expect(byId.get(mintedByRolled)).toMatchObject({ created_by_id: admin, revoked: false });
    expect(byId.get(rolledByDeparted)).toMatchObject({ created_by_id: departed, revoked: true, revoked_reason: "auto_revoked" });
    for (const id of [original, ownRoll, plain]) expect(byId.get(id)).toMatchObject({ created_by_id: owner, revoked: false });
  });
});

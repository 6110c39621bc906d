import { randomUUID } from "node:crypto";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { migrationScratch } from "@/lib/testing/migration-scratch";

const MIGRATION = "20261206100000_rolled_keys_held_by_their_roller";
const DAY_MS = 24 * 60 * 60 * 1000;

type KeyRow = {
  id: string;
  created_by_id: string;
  created_by_key_id: string | null;
  revoked: boolean;
  revoked_reason: string | null;
};
type KeyFields = {
  holder: string;
  scopes?: string[];
  readOnly?: boolean;
  ranges?: string[];
  rate?: number;
  expiresAt?: Date;
  rolledFrom?: string;
  revoked?: boolean;
};

/** Rows as the code before this release wrote them: keys, and the audit entries that tell their story. */
async function organizationOf(client: pg.Client, members: Record<string, "OWNER" | "ADMIN" | null>) {
  const org = randomUUID();
  await client.query(`INSERT INTO organizations (id, slug, name) VALUES ($1, $2, 'Acme')`, [
    org,
    `acme-${org.slice(0, 8)}`,
  ]);
  const people: Record<string, string> = {};
  for (const [name, role] of Object.entries(members)) {
    people[name] = randomUUID();
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())`,
      [people[name], `${name}-${org}@example.test`, name],
    );
    if (role)
      await client.query(`INSERT INTO memberships (id, org_id, user_id, role) VALUES ($1, $2, $3, $4)`, [
        randomUUID(),
        org,
        people[name],
        role,
      ]);
  }
  const expiresAt = new Date(Date.now() + DAY_MS);
  const key = async (fields: KeyFields) => {
    const id = randomUUID();
    await client.query(
      `INSERT INTO api_keys (id, org_id, created_by_id, name, environment, prefix, last4, key_hash, scopes, read_only, allowed_cidrs,
                             rate_limit_per_minute, expires_at, rolled_from_id, revoked_at, revoked_reason)
       VALUES ($1, $2, $3, 'k', 'LIVE', 'vk_live_AbCd', 'wxyz', $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        org,
        fields.holder,
        id.replaceAll("-", "").padEnd(64, "0"),
        fields.scopes ?? ["audit.read"],
        fields.readOnly ?? false,
        fields.ranges ?? ["127.0.0.1/32"],
        fields.rate ?? 600,
        fields.expiresAt ?? expiresAt,
        fields.rolledFrom ?? null,
        fields.revoked ? new Date() : null,
        fields.revoked ? "revoked" : null,
      ],
    );
    return id;
  };
  let seq = 0;
  const entry = (
    action: string,
    actorType: "user" | "api_key",
    actorId: string,
    targetId: string,
    metadata: object = {},
  ) =>
    client.query(
      `INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, actor_id, target_type, target_id,
                                  outcome, metadata, content_hash, prev_hash, hash)
       VALUES ($1, $2, $3, now(), 'api_keys', $4, $5, $6, 'api_key', $7, 'success', $8::jsonb, $9, $9, $9)`,
      [randomUUID(), org, ++seq, action, actorType, actorId, targetId, JSON.stringify(metadata), "0".repeat(64)],
    );
  const rolled = (by: "user" | "api_key", actorId: string, key: string, replacementId: string) =>
    entry("api_key.rolled", by, actorId, key, { replacementId });
  const createdByKey = (parent: string, child: string) => entry("api_key.created", "api_key", parent, child);
  return { org, people, key, rolled, createdByKey, expiresAt };
}

async function keysAfter(client: pg.Client) {
  const { rows } = await client.query<KeyRow>(
    `SELECT id::text, created_by_id::text, created_by_key_id::text, revoked_at IS NOT NULL AS revoked, revoked_reason FROM api_keys`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Before only a key's holder could roll it, an admin could roll the owner's key and receive the
 * secret of a key that acted as the owner. The migration hands every such key (and the keys it
 * created, and the keys rolled with it) to the person who received it, and revokes what a departed
 * person still held.
 */
describe(`migration ${MIGRATION}: holders`, () => {
  const scratch = migrationScratch(MIGRATION);

  it("makes the roller the holder of keys they received, also when rolled with a key, and revokes those of a roller who left", async () => {
    await scratch.upToBefore();
    const client = scratch.client();
    const { people, key, rolled, createdByKey } = await organizationOf(client, {
      owner: "OWNER",
      admin: "ADMIN",
      departed: null,
    });
    const { owner, admin, departed } = people;

    // Every key was recorded as the owner's: that was the flaw.
    const [original, rolledByAdmin, mintedByRolled, rolledByDeparted, ownRoll, plain] = [
      await key({ holder: owner }),
      await key({ holder: owner }),
      await key({ holder: owner }),
      await key({ holder: owner }),
      await key({ holder: owner }),
      await key({ holder: owner }),
    ];
    await rolled("user", admin, original, rolledByAdmin);
    await createdByKey(rolledByAdmin, mintedByRolled);
    await rolled("user", departed, original, rolledByDeparted);
    await rolled("user", owner, original, ownRoll);

    // The reviewer's case: the admin rolls the owner's key, then rotates the replacement R through
    // the API with R itself; R2 must be the admin's too, and so must what R2 created.
    const ownersKey = await key({ holder: owner });
    const r = await key({ holder: owner, rolledFrom: ownersKey });
    const r2 = await key({ holder: owner, rolledFrom: r });
    const mintedByR2 = await key({ holder: owner });
    await rolled("user", admin, ownersKey, r);
    await rolled("api_key", r, r, r2);
    await createdByKey(r2, mintedByR2);
    // The same done by someone who has since left: all of it revoked.
    const othersKey = await key({ holder: owner });
    const d = await key({ holder: owner, rolledFrom: othersKey });
    const d2 = await key({ holder: owner, rolledFrom: d });
    await rolled("user", departed, othersKey, d);
    await rolled("api_key", d, d, d2);

    await scratch.apply();
    const keys = await keysAfter(client);
    expect(keys.get(rolledByAdmin)).toMatchObject({ created_by_id: admin, revoked: false });
    expect(keys.get(mintedByRolled)).toMatchObject({ created_by_id: admin, revoked: false });
    expect(keys.get(rolledByDeparted)).toMatchObject({
      created_by_id: departed,
      revoked: true,
      revoked_reason: "auto_revoked",
    });
    for (const id of [original, ownRoll, plain, ownersKey, othersKey])
      expect(keys.get(id)).toMatchObject({ created_by_id: owner, revoked: false });
    for (const id of [r, r2, mintedByR2]) expect(keys.get(id)).toMatchObject({ created_by_id: admin, revoked: false });
    expect(keys.get(mintedByR2)?.created_by_key_id).toBe(r2);
    for (const id of [d, d2])
      expect(keys.get(id)).toMatchObject({ created_by_id: departed, revoked: true, revoked_reason: "auto_revoked" });
  });
});

/**
 * Before a key created by a key was bound by its parent, a 1-day, 5-a-minute key could create a
 * 366-day, 10,000-a-minute child that outlived it. The migration names each child's parent and
 * revokes the children that are broader than it, or whose parent no longer works.
 */
describe(`migration ${MIGRATION}: children of keys`, () => {
  const scratch = migrationScratch(MIGRATION);

  it("names every child's parent, keeps children within it, revokes the broader ones and those of a parent no longer working", async () => {
    await scratch.upToBefore();
    const client = scratch.client();
    const { people, key, rolled, createdByKey, expiresAt } = await organizationOf(client, { owner: "OWNER" });
    const { owner } = people;
    const scopes = ["api_keys.create", "audit.read", "audit.ingest"];
    const parent = await key({ holder: owner, scopes, rate: 5, ranges: ["127.0.0.0/8"] });
    const childOf = async (creator: string, fields: Partial<KeyFields> = {}) => {
      const id = await key({ holder: owner, scopes: ["audit.read"], rate: 5, ranges: ["127.0.0.1/32"], ...fields });
      await createdByKey(creator, id);
      return id;
    };
    const narrow = await childOf(parent, {
      scopes,
      ranges: ["127.0.0.0/8"],
      expiresAt: new Date(expiresAt.getTime() - 1000),
    });
    const broader = {
      longer: await childOf(parent, { expiresAt: new Date(expiresAt.getTime() + 365 * DAY_MS) }),
      faster: await childOf(parent, { rate: 10_000 }),
      moreScopes: await childOf(parent, { scopes: ["audit.read", "webhooks.manage"] }),
      outsideRanges: await childOf(parent, { ranges: ["127.0.0.1/32", "10.0.0.0/8"] }),
      unpinned: await childOf(parent, { ranges: [] }),
    };
    const grandchildOfBroader = await childOf(broader.faster);

    const readOnlyParent = await key({ holder: owner, scopes, readOnly: true });
    const readerChild = await childOf(readOnlyParent, { readOnly: true });
    const writerChild = await childOf(readOnlyParent);

    const revokedParent = await key({ holder: owner, scopes, revoked: true });
    const childOfRevoked = await childOf(revokedParent);

    // A roll moves a key's children to its replacement: the child of a rolled key answers to it.
    const rolledParent = await key({ holder: owner, scopes, revoked: true });
    const childOfRolled = await childOf(rolledParent);
    const replacement = await key({ holder: owner, scopes, rolledFrom: rolledParent });
    await rolled("user", owner, rolledParent, replacement);

    const byPerson = await key({ holder: owner });

    await scratch.apply();
    const keys = await keysAfter(client);
    expect(keys.get(narrow)).toMatchObject({ created_by_key_id: parent, revoked: false });
    for (const [why, id] of Object.entries(broader)) {
      expect({ why, ...keys.get(id) }).toMatchObject({
        why,
        created_by_key_id: parent,
        revoked: true,
        revoked_reason: "auto_revoked",
      });
    }
    expect(keys.get(grandchildOfBroader)).toMatchObject({
      created_by_key_id: broader.faster,
      revoked: true,
      revoked_reason: "auto_revoked",
    });
    expect(keys.get(readerChild)).toMatchObject({ created_by_key_id: readOnlyParent, revoked: false });
    expect(keys.get(writerChild)).toMatchObject({
      created_by_key_id: readOnlyParent,
      revoked: true,
      revoked_reason: "auto_revoked",
    });
    expect(keys.get(childOfRevoked)).toMatchObject({
      created_by_key_id: revokedParent,
      revoked: true,
      revoked_reason: "auto_revoked",
    });
    expect(keys.get(childOfRolled)).toMatchObject({ created_by_key_id: replacement, revoked: false });
    for (const id of [parent, readOnlyParent, replacement, byPerson])
      expect(keys.get(id)).toMatchObject({ created_by_key_id: null, revoked: false });
  });
});

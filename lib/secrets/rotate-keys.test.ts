import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { keyProvider, resetKeyProvider } from "@/lib/crypto/key-provider";
import { localKeyId } from "@/lib/crypto/local-key-provider";
import { createDataKey } from "@/lib/crypto/org-data-keys";
import { rewrapDataKeys } from "@/lib/crypto/rewrap-data-keys";
import { encryptionKey } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { steppedUp } from "@/lib/testing/step-up";
import { createSecret } from "./create-secret";
import { revealSecret } from "./reveal-secret";
import { rotateOrgDataKey } from "./rotate-org-data-key";
import { updateSecret } from "./update-secret";

let db: Db;
beforeAll(() => {
  db = testDb();
});

async function orgWithSecrets(count: number) {
  const owner = await createOwner();
  const ctx = await steppedUp(db, orgContextFor(owner, owner.org));
  const secrets: { id: string; value: string }[] = [];
  for (let i = 0; i < count; i++) {
    const value = `sv-${randomUUID()}`;
    const secret = await db.$transaction((tx) => createSecret(tx, ctx, { name: `s${i}`, value }));
    secrets.push({ id: secret.id, value });
  }
  const reveal = async (secretId: string, version?: number) =>
    (await db.$transaction((tx) => revealSecret(tx, ctx, { secretId, version }))).value;
  return { owner, ctx, secrets, reveal };
}

const ciphertexts = (orgId: string) =>
  db.secretVersion.findMany({
    where: { orgId },
    select: { id: true, ciphertext: true, dataKeyId: true },
    orderBy: { id: "asc" },
  });

describe("key rotation", () => {
  it("re-wraps data keys under a new key-encryption key without touching the values", async () => {
    const { owner, secrets, reveal } = await orgWithSecrets(2);
    const before = await ciphertexts(owner.org.id);
    const oldKek = await keyProvider().currentKeyId();
    const newKek = randomBytes(32);
    process.env.VERITY_KEY_ENCRYPTION_KEYS = newKek.toString("base64");
    resetKeyProvider();
    try {
      expect(await keyProvider().currentKeyId()).toBe(localKeyId(newKek));
      expect(await rewrapDataKeys(db, { orgIds: [owner.org.id] })).toEqual({ kekId: localKeyId(newKek), rewrapped: 1 });
      const row = await db.orgDataKey.findFirstOrThrow({ where: { orgId: owner.org.id } });
      expect(row.kekId).toBe(localKeyId(newKek));
      expect(row.kekId).not.toBe(oldKek);
      expect(await ciphertexts(owner.org.id)).toEqual(before);
      const context = `verity/org-data-key/v1|${owner.org.id}|${row.id}`;
      expect(await keyProvider().unwrap({ kekId: row.kekId, wrapped: row.wrappedKey }, context)).toHaveLength(32);
      expect(await reveal(secrets[0]!.id)).toBe(secrets[0]!.value);
      // A second run finds nothing left to do.
      expect((await rewrapDataKeys(db, { orgIds: [owner.org.id] })).rewrapped).toBe(0);
      // Without the new KEK in the ring, the re-wrapped key cannot be opened: it really moved.
      delete process.env.VERITY_KEY_ENCRYPTION_KEYS;
      resetKeyProvider();
      await expect(
        keyProvider().unwrap(
          { kekId: row.kekId, wrapped: row.wrappedKey },
          `verity/org-data-key/v1|${owner.org.id}|${row.id}`,
        ),
      ).rejects.toThrow(/not in this instance's key ring/);
    } finally {
      delete process.env.VERITY_KEY_ENCRYPTION_KEYS;
      resetKeyProvider();
    }
    expect(localKeyId(encryptionKey())).toBe(oldKek);
  });

  it("re-encrypts an organization's values under a new data key, resumably", async () => {
    const { owner, ctx, secrets, reveal } = await orgWithSecrets(3);
    const first = secrets[0]!;
    const newer = `sv-${randomUUID()}`;
    await db.$transaction((tx) => updateSecret(tx, ctx, { secretId: first.id, value: newer }));
    const before = await ciphertexts(owner.org.id);
    const result = await rotateOrgDataKey(db, { orgId: owner.org.id, batchSize: 2 });
    expect(result).toMatchObject({ reencrypted: 4, resumed: false });
    const after = await ciphertexts(owner.org.id);
    expect(after.every((row) => row.dataKeyId === result.dataKeyId)).toBe(true);
    expect(after.map((row) => row.ciphertext)).not.toEqual(expect.arrayContaining(before.map((row) => row.ciphertext)));
    expect(await db.orgDataKey.count({ where: { orgId: owner.org.id } })).toBe(1);
    expect(await reveal(first.id, 1)).toBe(first.value);
    expect(await reveal(first.id)).toBe(newer);
    expect(await reveal(secrets[2]!.id)).toBe(secrets[2]!.value);

    // Interrupted after making its key: the next run carries on under that key instead of making another.
    const interrupted = await db.$transaction((tx) => createDataKey(tx, owner.org.id));
    const resumed = await rotateOrgDataKey(db, { orgId: owner.org.id });
    expect(resumed).toEqual({ dataKeyId: interrupted.id, reencrypted: 4, resumed: true });
    expect(await reveal(secrets[1]!.id)).toBe(secrets[1]!.value);
    const entries = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "secret.data_key_rotated" } });
    expect(entries).toHaveLength(2);
  });

  it("refuses a value copied to another secret, version or organization", async () => {
    const { owner, secrets, reveal } = await orgWithSecrets(2);
    const [a, b] = secrets as [{ id: string; value: string }, { id: string; value: string }];
    const source = await db.secretVersion.findFirstOrThrow({ where: { secretId: a.id } });
    await db.secretVersion.updateMany({ where: { secretId: b.id }, data: { ciphertext: source.ciphertext } });
    await expect(reveal(b.id)).rejects.toMatchObject({ code: "unavailable" });

    const other = await orgWithSecrets(1);
    const target = other.secrets[0]!;
    // Same data key row and ciphertext moved along: the additional data names the other org and secret.
    await db.secretVersion.updateMany({
      where: { secretId: target.id },
      data: { ciphertext: source.ciphertext },
    });
    await expect(other.reveal(target.id)).rejects.toMatchObject({ code: "unavailable" });
    expect(await reveal(a.id)).toBe(a.value);
    expect(owner.org.id).not.toBe(other.owner.org.id);
  });
});

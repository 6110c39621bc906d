import { beforeAll, describe, expect, it } from "vitest";
import { consumeTotpCode, currentStep, newTotpSecret, openTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { seal } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { allowLoopbackWebhooks } from "@/lib/testing/loopback-webhooks";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { newSigningSecret, SECRET_PURPOSE } from "@/lib/webhooks/signing";
import { openSigningSecret } from "@/lib/webhooks/sealed-signing-secret";
import { convertLegacySealed } from "./convert-legacy-sealed";

let db: Db;
allowLoopbackWebhooks();
beforeAll(() => {
  db = testDb();
});

/** Every row of a table as text, scanned whole (not only this test's rows): what a database dump would show. */
async function tableContains(table: "users" | "webhook_secrets", needle: string): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ found: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM ${table} t WHERE strpos(t::text, $1) > 0) AS found`,
    needle,
  );
  return row!.found;
}

const seeds = (userId: string) =>
  db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpSecret: true, totpPendingSecret: true },
  });

/** An account and a webhook endpoint as a version of Verity before envelope encryption left them. */
async function legacyRows() {
  const owner = await createOwner();
  const ctx = orgContextFor(owner, owner.org);
  await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "team", seats: 5 } });
  const seed = newTotpSecret();
  const pending = newTotpSecret();
  const old = { seed: seal(seed, "totp-secret"), pending: seal(pending, "totp-secret") };
  await db.user.update({
    where: { id: owner.user.id },
    data: { totpSecret: old.seed, totpPendingSecret: old.pending, totpEnabledAt: new Date() },
  });
  const { endpoint } = await db.$transaction((tx) => createEndpoint(tx, ctx, { url: "http://127.0.0.1:9/hook" }));
  const signing = newSigningSecret();
  const row = await db.webhookSecret.findFirstOrThrow({ where: { endpointId: endpoint.id } });
  const oldSigning = seal(signing, SECRET_PURPOSE);
  await db.webhookSecret.update({ where: { id: row.id }, data: { sealed: oldSigning } });
  const place = { orgId: owner.org.id, endpointId: endpoint.id, secretId: row.id };
  return { owner, seed, pending, old, endpoint, signing, oldSigning, place };
}

describe("moving TOTP seeds and webhook signing secrets under envelope encryption", () => {
  it("reads the old form before, converts in place, and leaves no old ciphertext or plaintext in either table", async () => {
    const rows = await legacyRows();
    const userId = rows.owner.user.id;
    // Before: the old form still works (an instance started before the conversion ran).
    expect(await openTotpSecret(db, userId, rows.old.seed)).toBe(rows.seed);
    expect(await openSigningSecret(db, rows.place, rows.oldSigning)).toBe(rows.signing);

    const scope = { userIds: [userId], endpointIds: [rows.endpoint.id] };
    expect(await convertLegacySealed(db, scope)).toEqual({ totpSeeds: 2, signingSecrets: 1, unreadable: 0 });

    const after = await seeds(userId);
    expect(after.totpSecret).toMatch(/^e1:[0-9a-f-]{36}:v1:/);
    expect(after.totpPendingSecret).toMatch(/^e1:/);
    const sealedSigning = (await db.webhookSecret.findUniqueOrThrow({ where: { id: rows.place.secretId } })).sealed;
    expect(sealedSigning).toMatch(/^e1:/);
    // The signing secret is under its organization's data key; the seeds under the platform's.
    const orgKey = await db.orgDataKey.findFirstOrThrow({ where: { orgId: rows.owner.org.id, retiredAt: null } });
    expect(sealedSigning).toContain(orgKey.id);
    expect(after.totpSecret).not.toContain(orgKey.id);

    expect(await openTotpSecret(db, userId, after.totpSecret!)).toBe(rows.seed);
    expect(await openTotpSecret(db, userId, after.totpPendingSecret!)).toBe(rows.pending);
    expect(await openSigningSecret(db, rows.place, sealedSigning)).toBe(rows.signing);
    expect(await consumeTotpCode(db, userId, await totpCodeAt(rows.seed, currentStep()))).toBe(true);

    for (const needle of [rows.old.seed, rows.old.pending, rows.seed, rows.pending])
      expect(await tableContains("users", needle)).toBe(false);
    for (const needle of [rows.oldSigning, rows.signing])
      expect(await tableContains("webhook_secrets", needle)).toBe(false);

    // Resumable and idempotent: a second run (the next start) finds nothing left in the old form.
    expect(await convertLegacySealed(db, scope)).toEqual({ totpSeeds: 0, signingSecrets: 0, unreadable: 0 });
  });

  it("binds each converted value to its row: a copy onto another user or endpoint does not open", async () => {
    const a = await legacyRows();
    const b = await legacyRows();
    await convertLegacySealed(db, {
      userIds: [a.owner.user.id, b.owner.user.id],
      endpointIds: [a.endpoint.id, b.endpoint.id],
    });
    const seedOfA = (await seeds(a.owner.user.id)).totpSecret!;
    await expect(openTotpSecret(db, b.owner.user.id, seedOfA)).rejects.toThrow();
    const signingOfA = (await db.webhookSecret.findUniqueOrThrow({ where: { id: a.place.secretId } })).sealed;
    await expect(openSigningSecret(db, { ...a.place, secretId: b.place.secretId }, signingOfA)).rejects.toThrow();
    await expect(openSigningSecret(db, { ...a.place, endpointId: b.endpoint.id }, signingOfA)).rejects.toThrow();
  });

  it("leaves a value sealed under another instance's key as it is and counts it", async () => {
    const rows = await legacyRows();
    const foreign = `v1:${Buffer.alloc(60, 7).toString("base64url")}`;
    await db.webhookSecret.update({ where: { id: rows.place.secretId }, data: { sealed: foreign } });
    const result = await convertLegacySealed(db, { userIds: [rows.owner.user.id], endpointIds: [rows.endpoint.id] });
    expect(result).toEqual({ totpSeeds: 2, signingSecrets: 0, unreadable: 1 });
    expect((await db.webhookSecret.findUniqueOrThrow({ where: { id: rows.place.secretId } })).sealed).toBe(foreign);
  });
});

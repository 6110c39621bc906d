import { beforeAll, describe, expect, it } from "vitest";
import { consumeTotpCode, currentStep, newTotpSecret, openTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { randomUUID } from "node:crypto";
import { LegacySealedRefused, legacySealedRetired } from "@/lib/crypto/legacy-sealed";
import { seal } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { enqueueMail, legacyMailBodyPurpose, openMailBody } from "@/lib/mail";
import { testDb, withFreshDatabase } from "@/lib/testing/database";
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

/** What a limited run that converts nothing reports (a limited run never retires the old form). */
const none = { totpSeeds: 0, signingSecrets: 0, mailBodies: 0, unreadable: 0, retired: false };

/** Every row of a table as text, scanned whole (not only this test's rows): what a database dump would show. */
async function tableContains(table: "users" | "webhook_secrets" | "mail_outbox", needle: string): Promise<boolean> {
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
    expect(await convertLegacySealed(db, scope)).toEqual({ ...none, totpSeeds: 2, signingSecrets: 1 });

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
    expect(await convertLegacySealed(db, scope)).toEqual(none);
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
    expect(result).toEqual({ ...none, totpSeeds: 2, unreadable: 1 });
    expect((await db.webhookSecret.findUniqueOrThrow({ where: { id: rows.place.secretId } })).sealed).toBe(foreign);
  });

  it("moves outbox mail bodies under the platform data key, bound to their row", async () => {
    const mail = async () => {
      const text = `Your link: https://verity.test/reset/${randomUUID()}`;
      const row = await db.$transaction((tx) =>
        enqueueMail(tx, { to: "a@example.test", subject: "Reset", text, kind: "test" }),
      );
      const old = seal(text, legacyMailBodyPurpose(row.id));
      // Out of reach of the deliveries and erasures other test files run on a shared database.
      await db.mailMessage.update({
        where: { id: row.id },
        data: { sealedText: old, attempts: 1_000, bodyExpiresAt: new Date("2999-01-01") },
      });
      return { id: row.id, text, old };
    };
    const [a, b] = [await mail(), await mail()];
    expect(await openMailBody(db, a.id, a.old)).toBe(a.text);
    expect(await convertLegacySealed(db, { mailIds: [a.id, b.id] })).toEqual({ ...none, mailBodies: 2 });
    const sealedA = (await db.mailMessage.findUniqueOrThrow({ where: { id: a.id } })).sealedText!;
    const platformKey = await db.platformDataKey.findFirstOrThrow({ where: { retiredAt: null } });
    expect(sealedA).toMatch(new RegExp(`^e1:${platformKey.id}:v1:`));
    expect(await openMailBody(db, a.id, sealedA)).toBe(a.text);
    for (const needle of [a.old, a.text, b.old, b.text]) expect(await tableContains("mail_outbox", needle)).toBe(false);
    // A body copied onto another message (say, one addressed to the copier) does not open there.
    expect(await openMailBody(db, b.id, sealedA)).toBeNull();
    expect(await convertLegacySealed(db, { mailIds: [a.id, b.id] })).toEqual(none);
    // New mail is written in the envelope form from the start.
    const fresh = await db.$transaction((tx) =>
      enqueueMail(tx, { to: "b@example.test", subject: "Hi", text: "hello there", kind: "test" }),
    );
    expect((await db.mailMessage.findUniqueOrThrow({ where: { id: fresh.id } })).sealedText).toMatch(/^e1:/);
  });

  it("retires the old form once a whole run leaves none: an old ciphertext put back afterwards is refused", async () => {
    await withFreshDatabase(async (fresh) => {
      const owner = await createOwner();
      const seed = newTotpSecret();
      const oldSeed = seal(seed, "totp-secret");
      await fresh.user.update({
        where: { id: owner.user.id },
        data: { totpSecret: oldSeed, totpEnabledAt: new Date() },
      });
      const { id: mailId } = await fresh.$transaction((tx) =>
        enqueueMail(tx, { to: "c@example.test", subject: "Hi", text: "a bearer link", kind: "test" }),
      );
      const oldBody = seal("a bearer link", legacyMailBodyPurpose(mailId));
      await fresh.mailMessage.update({ where: { id: mailId }, data: { sealedText: oldBody } });
      // A value this instance cannot open is left: the form is not retired while it stays.
      const stray = (await createOwner()).user;
      await fresh.user.update({ where: { id: stray.id }, data: { totpSecret: seal(seed, "elsewhere") } });
      expect(await convertLegacySealed(fresh)).toMatchObject({
        totpSeeds: 1,
        mailBodies: 1,
        unreadable: 1,
        retired: false,
      });
      expect(await legacySealedRetired(fresh)).toBe(false);
      await fresh.user.update({ where: { id: stray.id }, data: { totpSecret: null } });
      expect(await convertLegacySealed(fresh)).toEqual({ ...none, retired: true });
      expect(await legacySealedRetired(fresh)).toBe(true);

      // Someone with database access puts the old ciphertexts back: refused, with an error that names no value.
      await fresh.user.update({ where: { id: owner.user.id }, data: { totpSecret: oldSeed } });
      await fresh.mailMessage.update({ where: { id: mailId }, data: { sealedText: oldBody } });
      const refusal = await openTotpSecret(fresh, owner.user.id, oldSeed).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(LegacySealedRefused);
      expect(String((refusal as Error).message)).not.toContain(oldSeed.slice(3, 20));
      expect(String((refusal as Error).message)).not.toContain(seed);
      expect(
        await consumeTotpCode(fresh, owner.user.id, await totpCodeAt(seed, currentStep())).catch(() => "refused"),
      ).toBe("refused");
      expect(await openMailBody(fresh, mailId, oldBody)).toBeNull();
      // Later runs stop at the marker: the value put back is not turned into a valid one.
      expect(await convertLegacySealed(fresh)).toEqual({ ...none, retired: true });
      const kept = await fresh.user.findUniqueOrThrow({ where: { id: owner.user.id }, select: { totpSecret: true } });
      expect(kept.totpSecret).toBe(oldSeed);
    });
  });
});

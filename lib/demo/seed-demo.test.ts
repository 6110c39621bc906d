import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as checkMessage } from "@/app/api/v1/messages/check/route";
import { GET as getSecret } from "@/app/api/v1/secrets/[name]/route";
import { POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { listLegalHolds } from "@/lib/lifecycle/legal-hold-list";
import { callApiRaw, type ApiHandler } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { seedDemo } from "./seed-demo";

let db: Db;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  db = testDb();
  seeded = await seedDemo({ entries: 40 });
});

const DAY_MS = 24 * 60 * 60 * 1000;

const call = (handler: ApiHandler, key: string, ip: string, method = "GET") =>
  callApiRaw(handler, "/", { key, ip, method, ...(method === "POST" ? { body: { action: "demo.try" } } : {}) });

describe("verity seed --demo", () => {
  it("adds two calls in which a caller reads out a test card, already redacted, and the admin key reads them", async () => {
    expect(seeded.recordings.map((recording) => recording.status)).toEqual(["redacted", "redacted"]);
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const rows = await db.recording.findMany({
      where: { orgId: org.id },
      include: { validations: true },
      orderBy: { uploadedAt: "asc" },
    });
    expect(rows.map((row) => [row.source, row.status])).toEqual([
      ["support-line", "redacted"],
      ["renewals-campaign", "redacted"],
    ]);
    for (const row of rows) {
      const words = (row.redactedTranscript as { words: { text: string }[] }).words.map((word) => word.text);
      // The spoken card is gone from the transcript: "[redacted]" stands where it was, and no run of number words
      // long enough to be a card is left.
      expect(words).toContain("[redacted]");
      const text = words.join(" ");
      expect(text).not.toMatch(/(\b(one|four|five|fifty|forty)\b\s*){6}/);
      expect(row.validations).toHaveLength(1);
      expect(row.validations[0]).toMatchObject({ passed: true });
      expect(row.validations[0].silencedSpans).toBeGreaterThan(0);
    }
    const [live] = seeded.apiKeys;
    expect(live.scopes).toEqual(expect.arrayContaining(["recordings.read", "recordings.write"]));
    expect(seeded.tryRecordings).toContain(live.key);
  });

  it("keeps two secrets, one shared with the member, and prints an owner's live key that reads them", async () => {
    expect(seeded.secrets).toEqual(["STRIPE_SECRET_KEY", "DEPLOY_TOKEN"]);
    const secretsKey = seeded.apiKeys[2]!;
    expect(secretsKey).toMatchObject({
      environment: "live",
      scopes: ["secrets.read", "secrets.manage"],
      allowedCidrs: ["127.0.0.1/32", "::1/128"],
    });
    const read = await callApiRaw(getSecret, "/secrets/DEPLOY_TOKEN", {
      key: secretsKey.key,
      params: { name: "DEPLOY_TOKEN" },
    });
    expect(read.status).toBe(200);
    expect((await read.json()).value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const refused = await callApiRaw(getSecret, "/secrets/DEPLOY_TOKEN", {
      key: secretsKey.key,
      ip: "198.51.100.1",
      params: { name: "DEPLOY_TOKEN" },
    });
    expect(refused.status).toBe(403);
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const shares = await db.secretShare.findMany({ where: { orgId: org.id }, select: { userId: true } });
    const member = await db.user.findUniqueOrThrow({ where: { email: "member@acme.test" } });
    expect(shares).toEqual([{ userId: member.id }]);
  });

  it("adds messaging contacts in several states, a campaign and decisions; the admin's key checks numbers", async () => {
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const contacts = await db.messagingContact.findMany({ where: { orgId: org.id }, include: { consents: true } });
    expect(contacts.map((contact) => contact.state).sort()).toEqual(["CA", "CA", "CT", "FL", "FL", "FL"]);
    expect(contacts.filter((contact) => contact.consents.length === 0)).toHaveLength(1);
    expect(contacts.filter((contact) => contact.optedOutAt)).toHaveLength(1);
    expect(await db.messagingDncEntry.count({ where: { orgId: org.id } })).toBe(1);
    expect(seeded.messaging.campaign).toBe("Winter sale");
    expect(seeded.messaging.decisions.slice(1)).toEqual([
      { phone: "+13055550103", decision: "block", reason: "no_sms_consent" },
      { phone: "+13055550105", decision: "block", reason: "on_dnc_list" },
    ]);
    const admin = seeded.apiKeys[0]!;
    expect(admin.scopes).toEqual(expect.arrayContaining(["messaging.read", "messaging.send", "messaging.manage"]));
    const check = await callApiRaw(checkMessage, "/messages/check", {
      key: admin.key,
      ip: "127.0.0.1",
      method: "POST",
      body: { to: "+14155550104" },
    });
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ decision: "block", reason: "opted_out" });
  });

  it("creates acme with its people, an intact trail, and two API keys that work at once", async () => {
    expect(seeded.logins.map((login) => login.role)).toEqual(["owner", "admin", "member", "auditor"]);
    const [live, reader] = seeded.apiKeys;
    expect(live).toMatchObject({ environment: "live", readOnly: false, allowedCidrs: ["127.0.0.1/32", "::1/128"] });
    expect(live.key).toMatch(/^vk_live_[0-9A-Za-z]{28}$/);
    expect(reader).toMatchObject({ environment: "test", readOnly: true });
    expect(reader.key).toMatch(/^vk_test_[0-9A-Za-z]{28}$/);
    expect(seeded.tryIt).toContain(live.key);

    const me = await call(getMe, live.key, "127.0.0.1");
    expect(me.status).toBe(200);
    expect((await me.json()).actingFor.role).toBe("ADMIN");
    expect((await call(getMe, live.key, "::1")).status).toBe(200);
    expect((await call(getMe, live.key, "198.51.100.1")).status).toBe(403);
    expect((await call(getMe, reader.key, "198.51.100.1")).status).toBe(200);
    expect((await call(postAuditEvent, reader.key, "127.0.0.1", "POST")).status).toBe(403);

    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    expect(
      await db.auditEntry.count({ where: { orgId: org.id, action: "api_key.created", actorType: "user" } }),
    ).toBeGreaterThanOrEqual(2);
    expect((await verifyChain({ db, orgId: org.id })).ok).toBe(true);
  });

  it("writes its 90 days of history in time order, then places a legal hold the Legal holds screen lists", async () => {
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    expect((await verifyChain({ db, orgId: org.id })).ok).toBe(true);
    // Microseconds as stored (a JavaScript Date would round them to milliseconds).
    const rows = await db.$queryRaw<{ seq: bigint; action: string; micros: bigint }[]>`
      SELECT seq, action, floor(extract(epoch FROM occurred_at) * 1000000)::bigint AS micros
      FROM audit_entries WHERE org_id = ${org.id}::uuid ORDER BY seq`;
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, index) => index + 1));
    // The whole chain, with what the test above appended (denials, dated now) after the demo's own.
    const outOfOrder = rows.filter((row, index) => index > 0 && row.micros < rows[index - 1].micros);
    expect(outOfOrder.map((row) => `${row.seq} ${row.action}`)).toEqual([]);
    const daysAgo = (row: { micros: bigint }) => (Date.now() - Number(row.micros / 1000n)) / DAY_MS;
    const demo = rows.slice(0, seeded.entries);
    expect(demo.slice(0, 4).map((row) => row.action)).toEqual(["org.created", ...Array(3).fill("member.added")]);
    expect(daysAgo(demo[0])).toBeGreaterThan(90);
    expect(daysAgo(demo[4])).toBeGreaterThan(1);
    expect(daysAgo(demo[4])).toBeLessThan(90);
    // Last, the two demo calls: each uploaded then redacted.
    const calls = demo.slice(-4);
    expect(calls.map((row) => row.action)).toEqual([
      "recording.uploaded",
      "recording.redacted",
      "recording.uploaded",
      "recording.redacted",
    ]);
    // Before them, the messaging contacts, campaign and decisions; before those, dated now: the hold, the two keys,
    // the access request answered, then the owner's secrets and the key that reads them.
    const beforeMessaging = demo.slice(0, -4 - seeded.messaging.entries);
    expect(
      demo
        .slice(-4 - seeded.messaging.entries, -4)
        .every((row) => row.action.match(/^(contact|consent|dnc|campaign|message)\./)),
    ).toBe(true);
    expect(beforeMessaging.slice(-9).map((row) => row.action)).toEqual([
      "legal_hold.created",
      "api_key.created",
      "api_key.created",
      "dsr.received",
      "dsr.completed",
      "secret.created",
      "secret.created",
      "secret.shared",
      "api_key.created",
    ]);
    expect(daysAgo(beforeMessaging.at(-9)!)).toBeLessThan(1 / 24);
    expect(seeded.accessRequest).toEqual({ subject: "member@acme.test", type: "access", status: "completed" });

    const holds = await listLegalHolds(db, { org });
    expect(holds).toHaveLength(1);
    const [hold] = holds;
    const transfers = demo.filter((row) => row.action === "custom.wallet.transfer").length;
    expect(transfers).toBeGreaterThan(0);
    expect(hold).toMatchObject({
      name: "Northwind payments dispute",
      status: "active",
      scope: { kind: "query", query: "action:custom.wallet.*" },
      createdBy: { display: "owner@acme.test" },
      coveredEntries: transfers,
      holdingBack: { purgeEntries: transfers },
    });
    expect(seeded.legalHold).toMatchObject({ name: hold.name, coveredEntries: transfers });
    const created = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, action: "legal_hold.created" } });
    expect(created).toMatchObject({
      seq: beforeMessaging.at(-9)!.seq,
      targetType: "legal_hold",
      targetId: hold.id,
      actorType: "user",
    });
  });
});

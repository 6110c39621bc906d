import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import { releaseLegalHold } from "@/lib/lifecycle/legal-hold-release";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { buildAccessPackage } from "./access-package";
import { accessSummaryMarkdown } from "./access-summary";
import { completeDataSubjectRequest } from "./dsr-complete";
import { findDataSubjectRequest } from "./dsr-find";
import { listDataSubjectRequests } from "./dsr-list";
import { recordDataSubjectRequest } from "./dsr-record";
import { rejectDataSubjectRequest } from "./dsr-reject";
import { erasuresHeldBack } from "./erasures-held-back";
import type { TRecordDsr } from "./dsr-schemas";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;

/** An organization with an owner and a member, who has a session, a recovery code, a key, and mail. */
async function orgWithMember({ alsoElsewhere = false } = {}) {
  const owner = await createOwner();
  const member = await createOwner();
  if (!alsoElsewhere) await db.membership.deleteMany({ where: { userId: member.user.id } });
  await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
  const hour = 3_600_000;
  await db.session.create({
    data: {
      userId: member.user.id,
      idleExpiresAt: new Date(Date.now() + hour),
      absoluteExpiresAt: new Date(Date.now() + hour),
    },
  });
  await db.recoveryCode.create({
    data: { userId: member.user.id, codeHash: crypto.randomUUID().replace(/-/g, "").padEnd(64, "0") },
  });
  await db.apiKey.create({
    data: {
      orgId: owner.org.id,
      createdById: member.user.id,
      name: "member key",
      environment: "TEST",
      prefix: "vk_test_abcd",
      last4: "wxyz",
      keyHash: crypto.randomUUID().replace(/-/g, "").padEnd(64, "1"),
      scopes: ["org.read"],
      rateLimitPerMinute: 60,
      expiresAt: new Date(Date.now() + 1000 * hour),
      lastUsedIp: "198.51.100.9",
    },
  });
  await db.mailMessage.create({ data: { to: member.user.email, subject: "Hello", kind: "test" } });
  return { owner, member };
}

const ctxOf = (owner: Owner, role: "OWNER" | "ADMIN" = "OWNER") => orgContextFor(owner, owner.org, role);
const record = (owner: Owner, input: TRecordDsr) =>
  db.$transaction((tx) => recordDataSubjectRequest(tx, ctxOf(owner), input));
const complete = (owner: Owner, requestId: string) =>
  db.$transaction((tx) => completeDataSubjectRequest(tx, ctxOf(owner, "ADMIN"), { requestId }));
const entriesOf = (owner: Owner) =>
  db.auditEntry.findMany({ where: { orgId: owner.org.id, action: { startsWith: "dsr." } }, orderBy: { seq: "asc" } });

describe("a data-subject request", () => {
  it("is recorded with its regime's deadline, listed with an overdue flag, and rejected with a reason", async () => {
    const { owner, member } = await orgWithMember();
    const gdpr = await record(owner, { subject: member.user.email.toUpperCase(), type: "access", regime: "GDPR" });
    expect(gdpr).toMatchObject({ subject: member.user.email, status: "received", overdue: false, daysLeft: 30 });
    const late = await record(owner, {
      subject: member.user.id,
      type: "erasure",
      regime: "CCPA",
      receivedAt: "2025-01-02",
    });
    expect(late.dueAt).toBe("2025-02-16T00:00:00.000Z");
    expect(late.overdue).toBe(true);
    const listed = await listDataSubjectRequests(db, ctxOf(owner));
    expect(listed.map((request) => request.id)).toEqual([late.id, gdpr.id]);

    const rejected = await db.$transaction((tx) =>
      rejectDataSubjectRequest(tx, ctxOf(owner), { requestId: late.id, reason: "Identity could not be verified." }),
    );
    expect(rejected).toMatchObject({ status: "rejected", overdue: false, reason: "Identity could not be verified." });
    await expect(complete(owner, late.id)).rejects.toMatchObject({ code: "conflict" });
    const entries = await entriesOf(owner);
    expect(entries.map((entry) => [entry.action, entry.category])).toEqual([
      ["dsr.received", "privacy"],
      ["dsr.received", "privacy"],
      ["dsr.rejected", "privacy"],
    ]);
    // The subject's identifier, and nothing else about them (no name), goes in the trail.
    expect(entries[0].metadata).toEqual({
      subject: member.user.email,
      type: "access",
      regime: "GDPR",
      dueAt: gdpr.dueAt,
    });
    expect(JSON.stringify(entries.map((entry) => entry.metadata))).not.toContain(member.user.name);
  });

  it("refuses bad input and never shows another organization's requests (404, recorded as cross-tenant)", async () => {
    const { owner, member } = await orgWithMember();
    const other = await createOwner();
    for (const input of [
      { subject: "not an address", type: "access", regime: "GDPR" },
      { subject: member.user.email, type: "rectification", regime: "GDPR" },
      { subject: member.user.email, type: "access", regime: "LGPD" },
      { subject: member.user.email, type: "access", regime: "GDPR", receivedAt: "2999-01-01" },
    ])
      await expect(record(owner, input as TRecordDsr)).rejects.toMatchObject({ name: "ZodError" });
    const mine = await record(owner, { subject: member.user.email, type: "erasure", regime: "GDPR" });
    await expect(findDataSubjectRequest(db, ctxOf(other), mine.id)).rejects.toMatchObject({
      code: "not_found",
      denial: { crossTenant: true, targetOrgId: owner.org.id },
    });
    await expect(complete(other, mine.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listDataSubjectRequests(db, ctxOf(other))).toEqual([]);
    expect((await db.dataSubjectRequest.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("received");
  });
});

describe("an erasure", () => {
  it("anonymizes a person only this organization has, erases what it says, and keeps the trail", async () => {
    const { owner, member } = await orgWithMember();
    const before = await db.auditEntry.count({ where: { orgId: owner.org.id } });
    const request = await record(owner, { subject: member.user.email, type: "erasure", regime: "GDPR" });
    const done = await complete(owner, request.id);
    expect(done.status).toBe("completed");
    const erased = Object.fromEntries(done.completionRecord!.erased.map((item) => [item.data, item.count]));
    expect(erased).toMatchObject({
      "membership in this organization": 1,
      "API keys they created here (revoked)": 1,
      "last-used IP address of their API keys": 1,
      sessions: 1,
      "recovery codes": 1,
      "mail to their address": 1,
      "account profile: name, email, password, second factor (anonymized)": 1,
    });
    expect(done.completionRecord!.kept.map((item) => item.data)).toContain(
      "audit trail entries where they are the actor or the target",
    );
    const user = await db.user.findUniqueOrThrow({ where: { id: member.user.id } });
    expect(user).toMatchObject({
      name: "Erased person",
      email: `erased-${member.user.id}@erased.invalid`,
      totpEnabledAt: null,
    });
    expect(await db.session.count({ where: { userId: member.user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: member.user.id } })).toBe(0);
    expect(await db.mailMessage.count({ where: { to: member.user.email } })).toBe(0);
    expect(await db.membership.count({ where: { userId: member.user.id } })).toBe(0);
    const key = await db.apiKey.findFirstOrThrow({ where: { createdById: member.user.id } });
    expect(key.revokedAt).not.toBeNull();
    expect(key.lastUsedIp).toBeNull();
    // The trail is intact, and says what was done, as the stored record says it.
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, seq: { lte: before } } })).toBe(before);
    const completed = (await entriesOf(owner)).at(-1)!;
    expect(completed.action).toBe("dsr.completed");
    expect((completed.metadata as { record: unknown }).record).toEqual(done.completionRecord);
    const actions = (await db.auditEntry.findMany({ where: { orgId: owner.org.id, seq: { gt: before } } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["member.removed", "api_key.auto_revoked", "dsr.completed"]));
  });

  it("keeps the account of a person another organization also has, and says why", async () => {
    const { owner, member } = await orgWithMember({ alsoElsewhere: true });
    const request = await record(owner, { subject: member.user.id, type: "erasure", regime: "CCPA" });
    const done = await complete(owner, request.id);
    expect(done.completionRecord!.erased.map((item) => item.data)).toEqual([
      "membership in this organization",
      "API keys they created here (revoked)",
      "last-used IP address of their API keys",
    ]);
    expect(done.completionRecord!.kept[0].why).toMatch(/1 other organization/);
    const user = await db.user.findUniqueOrThrow({ where: { id: member.user.id } });
    expect(user.email).toBe(member.user.email);
    expect(await db.session.count({ where: { userId: member.user.id } })).toBe(1);
    expect(await db.membership.count({ where: { userId: member.user.id } })).toBe(1);
  });

  it("is refused, naming the hold, while a legal hold covers the subject, and goes through once it is released", async () => {
    const { owner, member } = await orgWithMember();
    const hold = await db.$transaction((tx) =>
      createLegalHold(tx, ctxOf(owner), {
        name: "Northwind dispute",
        matter: "Case 24-118",
        scope: { kind: "people", people: [member.user.email] },
      }),
    );
    const request = await record(owner, { subject: member.user.email, type: "erasure", regime: "GDPR" });
    await expect(complete(owner, request.id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"Northwind dispute" (Case 24-118)'),
    });
    expect(await db.session.count({ where: { userId: member.user.id } })).toBe(1);
    expect(await db.membership.count({ where: { userId: member.user.id, orgId: owner.org.id } })).toBe(1);
    expect((await db.dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("received");
    // The holds screen says which erasure the hold holds back.
    expect([...(await erasuresHeldBack(db, ctxOf(owner))).entries()]).toEqual([
      [hold.id, [{ requestId: request.id, subject: member.user.email }]],
    ]);
    await db.$transaction((tx) => releaseLegalHold(tx, ctxOf(owner), { holdId: hold.id, reason: "Settled." }));
    expect((await erasuresHeldBack(db, ctxOf(owner))).size).toBe(0);
    expect((await complete(owner, request.id)).status).toBe("completed");
  });

  it("never reaches the account of a person who is not a member here", async () => {
    const owner = await createOwner();
    const stranger = await createOwner();
    await db.membership.deleteMany({ where: { userId: stranger.user.id } });
    const request = await record(owner, { subject: stranger.user.email, type: "erasure", regime: "GDPR" });
    const done = await complete(owner, request.id);
    expect(done.completionRecord!.erased).toEqual([]);
    expect(done.completionRecord!.kept[0].why).toMatch(/not a member of this organization/);
    expect((await db.user.findUniqueOrThrow({ where: { id: stranger.user.id } })).email).toBe(stranger.user.email);
  });

  it("gives no access package the account or sessions of a person who is not a member here", async () => {
    const owner = await createOwner();
    const stranger = await createOwner(); // another tenant's owner, with a session of their own
    await db.session.create({
      data: {
        userId: stranger.user.id,
        ip: "203.0.113.9",
        idleExpiresAt: new Date(Date.now() + 3_600_000),
        absoluteExpiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const request = await record(owner, { subject: stranger.user.email, type: "access", regime: "GDPR" });
    const row = await db.dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } });
    const pkg = await buildAccessPackage(db, ctxOf(owner), row);
    expect(pkg.profile).toBeNull();
    expect(pkg.sessions).toEqual([]);
    expect(JSON.stringify(pkg)).not.toContain("203.0.113.9");
  });

  it("refuses to erase an owner", async () => {
    const owner = await createOwner();
    const request = await record(owner, { subject: owner.user.email, type: "erasure", regime: "GDPR" });
    await expect(complete(owner, request.id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/owner/),
    });
  });
});

describe("an access request", () => {
  it("gathers the subject's data and their entries with hashes, and records what it delivered", async () => {
    const { owner, member } = await orgWithMember();
    const request = await record(owner, { subject: member.user.email, type: "access", regime: "GDPR" });
    const row = await db.dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } });
    const pkg = await buildAccessPackage(db, ctxOf(owner), row);
    expect(pkg.profile).toMatchObject({ id: member.user.id, email: member.user.email });
    expect(pkg.memberships).toEqual([expect.objectContaining({ role: "MEMBER" })]);
    expect(pkg.sessions).toHaveLength(1);
    expect(pkg.apiKeys).toEqual([expect.objectContaining({ name: "member key", prefix: "vk_test_abcd" })]);
    // The dsr.received entry names them as its subject only in metadata; their own sign-up is in their own org.
    const seqs = pkg.auditTrail.entries.map((entry) => entry.seq);
    const mine = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, OR: [{ actorId: member.user.id }, { targetId: member.user.id }] },
    });
    expect(seqs).toEqual(mine.map((entry) => Number(entry.seq)).sort((a, b) => a - b));
    for (const entry of pkg.auditTrail.entries) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(pkg)).not.toMatch(/passwordHash|keyHash|codeHash/);
    expect(accessSummaryMarkdown(pkg)).toContain(`about ${member.user.email}`);
    const done = await complete(owner, request.id);
    expect(done.completionRecord!.delivered).toContainEqual({ data: "sessions", count: 1 });
    expect(done.completionRecord!.erased).toEqual([]);
    expect(await db.session.count({ where: { userId: member.user.id } })).toBe(1);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry, type AuditEvent } from "../append-audit-entry";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { CASTABLE_IP } from "./audit-query-where";
import { SearchSyntaxError } from "./search-syntax-error";
import { searchAuditEntries, ZSearchAuditEntries } from "./search-audit-entries";

let db: Db;
let orgA: string;
let orgB: string;
const labels = new Map<string, string>();

const ada = { type: "user", id: "u-ada", display: "ada@example.com" } as const;
const context = (ip: string | null, country: string | null) => ({
  ip,
  userAgent: "vitest",
  geo: country === null ? null : { country, region: null, city: null },
  requestId: null,
});

async function seed(label: string, event: AuditEvent) {
  const { id } = await db.$transaction((tx) => appendAuditEntry(tx, event));
  labels.set(id, label);
}

beforeAll(async () => {
  db = testDb();
  orgA = (await createOwner()).org.id;
  orgB = (await createOwner()).org.id;
  // Sign-up wrote org.created and user.signed_up in both orgs (now, from 203.0.113.7).
  for (const entry of await db.auditEntry.findMany({ where: { orgId: { in: [orgA, orgB] } } })) {
    labels.set(entry.id, `${entry.orgId === orgA ? "" : "B:"}${entry.action}`);
  }
  await seed("wire", {
    orgId: orgA,
    action: "custom.payout.approved",
    actor: ada,
    target: { type: "payout", id: "po_1", display: "Payout 50% bonus" },
    context: context("198.51.100.7", "GB"),
    metadata: { note: "wire transfer", amount: 100 },
    occurredAt: "2025-03-01T10:00:00.000000Z",
  });
  await seed("denied", {
    orgId: orgA,
    action: "access.denied",
    actor: { type: "api_key", id: "key_1", display: "Deploy (vk_live_AbC1…)" },
    outcome: "denied",
    context: context("2001:db8::5", null),
    metadata: { reason: "missing_scope" },
    occurredAt: "2025-03-02T23:59:59.999999Z",
  });
  await seed("role", {
    orgId: orgA,
    action: "member.role_changed",
    actor: { type: "user", id: "u-bob", display: "Bob@Example.com" },
    target: { type: "user", id: "u-cy", display: "cy@example.com" },
    context: context("10.1.2.3", "FR"),
    metadata: { from: "MEMBER", to: "ADMIN" },
    occurredAt: "2025-03-03T00:00:00.000000Z",
  });
  await seed("signin-failed", {
    orgId: orgA,
    action: "user.sign_in_failed",
    actor: ada,
    outcome: "failure",
    // Not an address: an ip: search must pass over it rather than fail.
    context: context("unknown", "GB"),
    metadata: { reason: "wrong_password" },
    occurredAt: "2025-03-15T12:00:00.000000Z",
  });
  await seed("percent", {
    orgId: orgA,
    action: "custom.report.generated",
    actor: { type: "system", id: null, display: "Verity" },
    metadata: { title: "100%_done" },
    occurredAt: "2025-04-01T00:00:00.000000Z",
  });
  await seed("B:wire", {
    orgId: orgB,
    action: "custom.payout.approved",
    actor: ada,
    target: { type: "payout", id: "po_1", display: "Payout 50% bonus" },
    context: context("198.51.100.7", "GB"),
    metadata: { note: "wire transfer" },
    occurredAt: "2025-03-01T10:00:00.000000Z",
  });
});

type Page = Awaited<ReturnType<typeof searchAuditEntries>>;
const labelsOf = (page: Page) => page.entries.map((entry) => labels.get(entry.id) ?? `unexpected ${entry.action}`);
const cursorOf = (cursor: { beforeSeq?: string | null; afterSeq?: string | null }) => ({
  ...(cursor.beforeSeq ? { beforeSeq: BigInt(cursor.beforeSeq) } : {}),
  ...(cursor.afterSeq ? { afterSeq: BigInt(cursor.afterSeq) } : {}),
});

/** Every page of a search, newest first, from the newest page down by nextBeforeSeq; then back up by prevAfterSeq. */
async function pagesBothWays(q: string, limit: number, orgId = orgA) {
  const down: Page[] = [await searchAuditEntries(db, { orgId, q, limit })];
  while (down.at(-1)!.nextBeforeSeq)
    down.push(
      await searchAuditEntries(db, { orgId, q, limit, ...cursorOf({ beforeSeq: down.at(-1)!.nextBeforeSeq }) }),
    );
  const up: Page[] = [down.at(-1)!];
  while (up.at(-1)!.prevAfterSeq)
    up.push(await searchAuditEntries(db, { orgId, q, limit, ...cursorOf({ afterSeq: up.at(-1)!.prevAfterSeq }) }));
  return { down, up };
}

/** What a search in org A finds, newest first, by label. */
async function search(q: string, orgId = orgA) {
  const { entries } = await searchAuditEntries(db, { orgId, q, limit: 200 });
  return entries.map((entry) => labels.get(entry.id) ?? `unexpected ${entry.action}`);
}

const everything = ["percent", "signin-failed", "role", "denied", "wire", "user.signed_up", "org.created"];
const except = (...left: string[]) => everything.filter((label) => !left.includes(label));

describe("searchAuditEntries finds exactly the matching entries of one organization", () => {
  it.each<[string, string[]]>([
    ["", everything],
    ["action:custom.*", ["percent", "wire"]],
    ["action:member.role_changed", ["role"]],
    ["-action:custom.*", except("percent", "wire")],
    ["category:access", ["role", "denied"]],
    ["actor:ADA@example.com", ["signin-failed", "wire"]],
    ["actor:u-ada", ["signin-failed", "wire"]],
    ['actor:"bob@example.com"', ["role"]],
    ["actor:vk_live_AbC1", ["denied"]],
    ["actor:vk_live_abc1", []],
    ['target:"payout 50% BONUS"', ["wire"]],
    ["target:po_1", ["wire"]],
    ["-target:po_1", except("wire")],
    ["outcome:denied", ["denied"]],
    ["-outcome:success", ["signin-failed", "denied"]],
    ["ip:198.51.100.7", ["wire"]],
    ["ip:198.51.100.0/24", ["wire"]],
    ["ip:10.0.0.0/8", ["role"]],
    ["ip:2001:db8::/32", ["denied"]],
    ["ip:2001:0db8:0:0::5", ["denied"]],
    ["-ip:0.0.0.0/0", except("wire", "role", "user.signed_up", "org.created")],
    ["country:gb", ["signin-failed", "wire"]],
    ["-country:GB", except("signin-failed", "wire")],
    ["created:2025-03-02", ["denied"]],
    ["created:2025-03-01..2025-03-02", ["denied", "wire"]],
    ["created:<=2025-03-02T23:59:59.999999Z", ["denied", "wire"]],
    ["created:<2025-03-02T23:59:59.999999Z", ["wire"]],
    ["created:>2025-03-02 created:<2025-04-01", ["signin-failed", "role"]],
    ["-created:<2026-01-01", ["user.signed_up", "org.created"]],
    ["wire", ["wire"]],
    ['"WIRE TRANSFER"', ["wire"]],
    ["example.com", ["signin-failed", "role", "wire"]],
    ['"50%"', ["wire"]],
    ['"%"', ["percent", "wire"]],
    ['"0_"', []],
    ["actor:ada@example.com -outcome:failure country:GB", ["wire"]],
    [`"'; DROP TABLE audit_entries; --"`, []],
  ])("%s", async (q, expected) => {
    expect(await search(q)).toEqual(expected);
  });

  it("never returns another organization's entries", async () => {
    expect(await search("payout")).toEqual(["wire"]);
    expect(await search("payout", orgB)).toEqual(["B:wire"]);
    expect(await search("", orgB)).toEqual(["B:wire", "B:user.signed_up", "B:org.created"]);
  });

  it("pages by seq, newest first, to the end of the matches", async () => {
    const pages: string[][] = [];
    let beforeSeq: bigint | undefined;
    for (;;) {
      const page = await searchAuditEntries(db, {
        orgId: orgA,
        q: "-action:member.*",
        limit: 2,
        ...(beforeSeq ? { beforeSeq } : {}),
      });
      pages.push(page.entries.map((entry) => labels.get(entry.id)!));
      if (!page.nextBeforeSeq) break;
      beforeSeq = BigInt(page.nextBeforeSeq);
    }
    expect(pages).toEqual([
      ["percent", "signin-failed"],
      ["denied", "wire"],
      ["user.signed_up", "org.created"],
    ]);
  });

  it("pages newer from afterSeq, newest first, back to the newest page, with no page lost or repeated", async () => {
    const { down, up } = await pagesBothWays("-action:member.*", 2);
    expect(down.map(labelsOf)).toEqual([
      ["percent", "signin-failed"],
      ["denied", "wire"],
      ["user.signed_up", "org.created"],
    ]);
    expect(up.map(labelsOf)).toEqual([
      ["user.signed_up", "org.created"],
      ["denied", "wire"],
      ["percent", "signin-failed"],
    ]);
    // Newer is there below the newest page, Older above the oldest, and neither beyond the ends.
    expect(down.map((page) => [page.prevAfterSeq !== null, page.nextBeforeSeq !== null])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    expect(up.map((page) => [page.prevAfterSeq !== null, page.nextBeforeSeq !== null])).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
    // A page reached from either side has the same cursors to its neighbours.
    expect(up[1]).toEqual(down[1]);
  });

  it("pages from cursors nobody was given: the ends of the chain and past them", async () => {
    const head = (await db.auditEntry.findFirstOrThrow({ where: { orgId: orgA }, orderBy: { seq: "desc" } })).seq;
    // afterSeq 0 is the oldest page; a beforeSeq past the head is the newest one, with nothing newer.
    const oldest = await searchAuditEntries(db, { orgId: orgA, q: "", limit: 2, afterSeq: 0n });
    expect([labelsOf(oldest), oldest.nextBeforeSeq]).toEqual([["user.signed_up", "org.created"], null]);
    const past = await searchAuditEntries(db, { orgId: orgA, q: "", limit: 2, beforeSeq: head + 100n });
    expect([labelsOf(past), past.prevAfterSeq]).toEqual([["percent", "signin-failed"], null]);
    // Empty pages past either end still lead back to the entries.
    const belowFirst = await searchAuditEntries(db, { orgId: orgA, q: "", limit: 2, beforeSeq: 1n });
    expect(belowFirst).toEqual({ entries: [], nextBeforeSeq: null, prevAfterSeq: "0" });
    const aboveHead = await searchAuditEntries(db, { orgId: orgA, q: "", limit: 2, afterSeq: head });
    expect(aboveHead).toEqual({ entries: [], nextBeforeSeq: String(head + 1n), prevAfterSeq: null });
    expect(labelsOf(await searchAuditEntries(db, { orgId: orgA, q: "", limit: 1, beforeSeq: head + 1n }))).toEqual([
      "percent",
    ]);
  });

  it("pages newer within one organization: another's newer entries neither show nor enable Newer", async () => {
    // Org A's chain runs past org B's head; B's newest page, asked for below A's head, is still its newest.
    const headA = (await db.auditEntry.findFirstOrThrow({ where: { orgId: orgA }, orderBy: { seq: "desc" } })).seq;
    const fromB = await searchAuditEntries(db, { orgId: orgB, q: "", limit: 200, beforeSeq: headA });
    expect([labelsOf(fromB), fromB.prevAfterSeq]).toEqual([["B:wire", "B:user.signed_up", "B:org.created"], null]);
    const newerInB = await searchAuditEntries(db, { orgId: orgB, q: "payout", limit: 200, afterSeq: 0n });
    expect(labelsOf(newerInB)).toEqual(["B:wire"]);
    const { up } = await pagesBothWays("payout", 1, orgB);
    expect(up.map(labelsOf)).toEqual([["B:wire"]]);
  });

  it("takes beforeSeq or afterSeq, never both, and only whole seqs", () => {
    expect(ZSearchAuditEntries.parse({ afterSeq: "0" })).toMatchObject({ afterSeq: 0n, q: "", limit: 50 });
    const both = ZSearchAuditEntries.safeParse({ beforeSeq: "9", afterSeq: "3" });
    expect(both.success).toBe(false);
    expect(both.error?.issues.map((issue) => issue.path)).toEqual([["afterSeq"]]);
    for (const afterSeq of ["-1", "abc", "1.5", "9223372036854775807"])
      expect(ZSearchAuditEntries.safeParse({ afterSeq }).success, afterSeq).toBe(false);
  });

  it("pages through a closed date range of imported entries, whose times do not follow seq", async () => {
    // The range's entries were appended after the sign-up's but happened a year before it, so the
    // range's place in seq (which only chooses the plan) says little: every page must still be exact.
    // Each against the same dates written as exclusions, which take the plain plan.
    for (const [q, plain] of [
      ["created:2025-03-01..2025-04-01", "-created:<2025-03-01 -created:>2025-04-01"],
      ["created:2025-03-01..2099-01-01", "-created:<2025-03-01"],
      ["created:2025-03-01..2025-04-01 -outcome:denied", "-created:<2025-03-01 -created:>2025-04-01 -outcome:denied"],
    ]) {
      const seen: string[] = [];
      let beforeSeq: bigint | undefined;
      for (;;) {
        const page = await searchAuditEntries(db, { orgId: orgA, q, limit: 1, ...(beforeSeq ? { beforeSeq } : {}) });
        seen.push(...page.entries.map((entry) => labels.get(entry.id)!));
        if (!page.nextBeforeSeq) break;
        beforeSeq = BigInt(page.nextBeforeSeq);
      }
      expect(seen, q).toEqual(await search(plain));
      expect(seen.length, q).toBeGreaterThan(0);
      // And back up from the oldest page, newer by newer.
      const { up } = await pagesBothWays(q, 1);
      expect(up.flatMap(labelsOf).reverse(), q).toEqual(seen);
    }
  });

  it("returns entries in the view's shape", async () => {
    const [entry] = (await searchAuditEntries(db, { orgId: orgA, q: "wire", limit: 1 })).entries;
    expect(entry).toMatchObject({
      action: "custom.payout.approved",
      orgId: orgA,
      occurredAt: "2025-03-01T10:00:00.000000Z",
      actor: ada,
      target: { type: "payout", id: "po_1", display: "Payout 50% bonus" },
      ip: "198.51.100.7",
      geo: { country: "GB", region: null, city: null },
      metadata: { note: "wire transfer", amount: 100 },
    });
    expect(entry.seq).toMatch(/^\d+$/);
    expect(entry.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a malformed search before touching the database", async () => {
    await expect(searchAuditEntries(db, { orgId: orgA, q: "acter:ada", limit: 10 })).rejects.toBeInstanceOf(
      SearchSyntaxError,
    );
  });
});

describe("the ip guard", () => {
  it("lets through only values PostgreSQL reads as inet, and every normal address", async () => {
    const addresses = [
      "203.0.113.7",
      "0.0.0.0",
      "2001:db8::5",
      "::1",
      "::",
      "fe80::1:2",
      "1:2:3:4:5:6:7:8",
      "::ffff:203.0.113.7",
      "64:ff9b::1.2.3.4",
    ];
    const oddities = [
      "unknown",
      "",
      "999.1.1.1",
      "01.2.3.4",
      "1.2.3",
      "1:2",
      ":::",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "12345::",
      "fe80::1%eth0",
      "1.2.3.4/8",
    ];
    for (const value of [...addresses, ...oddities]) {
      const [{ castable }] = await db.$queryRaw<{ castable: boolean }[]>`SELECT ${value} ~ ${CASTABLE_IP} AS castable`;
      expect([value, castable]).toEqual([value, addresses.includes(value)]);
      if (castable) await db.$queryRaw`SELECT ${value}::inet`;
    }
  });
});

import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getActivity } from "@/app/api/orgs/[orgSlug]/audit-entries/activity/route";
import { GET as getExport } from "@/app/api/orgs/[orgSlug]/audit-entries/export/route";
import { GET as searchEntries } from "@/app/api/orgs/[orgSlug]/audit-entries/route";
import { GET as getEntry } from "@/app/api/orgs/[orgSlug]/audit-entries/[seq]/route";
import { POST as postVerify } from "@/app/api/orgs/[orgSlug]/audit-entries/verify/route";
import { appendAuditEntry, committedEntry } from "@/lib/audit/append-audit-entry";
import { parseCsv } from "@/lib/audit/export/export-test-helpers";
import { verifyAuditBundle } from "@/lib/audit/export/verify-audit-bundle";
import { linesOf } from "@/lib/audit/export/bundle-file-lines";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";

type Owner = Awaited<ReturnType<typeof createOwner>>;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let db: Db;
let orgA: Owner;
let orgB: Owner;
let cookieA: string;
let cookieB: string;

type Actor = { type: "user" | "system"; id: string | null; display: string };
const ada: Actor = { type: "user", id: "u-ada", display: "ada@example.com" };

async function append(
  orgId: string,
  action: `custom.${string}`,
  extra: {
    outcome?: "success" | "failure";
    actor?: Actor;
    metadata?: Record<string, unknown>;
    occurredAt?: string;
  } = {},
) {
  const appended = await db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId,
      action,
      actor: extra.actor ?? { type: "system", id: null, display: "test" },
      outcome: extra.outcome ?? "success",
      metadata: extra.metadata ?? {},
      context: {
        ip: "203.0.113.9",
        userAgent: "vitest",
        geo: { country: "GB", region: null, city: null },
        requestId: null,
      },
      ...(extra.occurredAt ? { occurredAt: extra.occurredAt } : {}),
    }),
  );
  return committedEntry(db, appended);
}

beforeAll(async () => {
  db = testDb();
  orgA = await createOwner();
  orgB = await createOwner();
  await enrolTotp(db, orgA.user.id);
  await enrolTotp(db, orgB.user.id);
  cookieA = (await sessionCookieFor(db, orgA.user.id)).cookie;
  cookieB = (await sessionCookieFor(db, orgB.user.id)).cookie;
  for (let i = 0; i < 6; i++) await append(orgA.org.id, "custom.payout.approved", { actor: ada, metadata: { n: i } });
  await append(orgA.org.id, "custom.payout.approved", {
    actor: { type: "user", id: "u-eve", display: '=HYPERLINK("https://evil.example")' },
  });
  await append(orgA.org.id, "custom.payout.rejected", { outcome: "failure", metadata: { reason: "limit" } });
  await append(orgB.org.id, "custom.payout.approved", { actor: ada, metadata: { orgTag: "B" } });
});

async function call(
  handler: Handler,
  org: Owner,
  path: string,
  {
    cookie = cookieA,
    method = "GET",
    headers = {},
    routeParams = {},
  }: { cookie?: string; method?: string; headers?: Record<string, string>; routeParams?: Record<string, string> } = {},
) {
  return handler(
    requestWith(`/api/orgs/${org.org.slug}/audit-entries${path}`, { cookie, method, headers }),
    params({ orgSlug: org.org.slug, ...routeParams }),
  );
}

const lastEntry = (orgId: string) => db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });

describe("GET /api/orgs/{org}/audit-entries (search)", () => {
  it("answers the entries matching q, newest first, with a keyset cursor", async () => {
    const q = encodeURIComponent("action:custom.payout.* actor:ADA@example.com");
    const first = await (await call(searchEntries, orgA, `?q=${q}&limit=4`)).json();
    expect(first.entries).toHaveLength(4);
    expect(first.entries.every((entry: { action: string }) => entry.action === "custom.payout.approved")).toBe(true);
    expect(first.nextBeforeSeq).toBe(first.entries[3].seq);
    const second = await (await call(searchEntries, orgA, `?q=${q}&limit=4&beforeSeq=${first.nextBeforeSeq}`)).json();
    expect(second.entries).toHaveLength(2);
    expect(second.entries.every((entry: { actor: { id: string } }) => entry.actor.id === "u-ada")).toBe(true);
    expect(second.nextBeforeSeq).toBeNull();
    expect(Object.keys(first).sort()).toEqual(["entries", "nextBeforeSeq", "prevAfterSeq"]);
    expect(first.prevAfterSeq).toBeNull();
    expect(second.prevAfterSeq).toBe(second.entries[0].seq);
  });

  it("finds free text in the actor, action and metadata, only in the organization's own entries", async () => {
    const search = async (q: string) =>
      (await (await call(searchEntries, orgA, `?q=${encodeURIComponent(q)}`)).json()).entries;
    expect(await search('"ada@example.com"')).toHaveLength(6);
    expect((await search('"payout.rejected"')).map((entry: { outcome: string }) => entry.outcome)).toEqual(["failure"]);
    expect(await search('"limit" -"ada@"')).toHaveLength(1);
    expect(await search("orgTag")).toEqual([]);
  });

  it("with count=1 says how many entries the whole search matches, the result count the screen shows", async () => {
    const countOf = async (q: string) =>
      (await (await call(searchEntries, orgA, `?q=${encodeURIComponent(q)}&limit=2&count=1`)).json()).count;
    expect(await countOf("actor:ada@example.com")).toEqual({ value: 6, capped: false });
    expect(await countOf("payout.rejected")).toEqual({ value: 1, capped: false });
    // Org B's entry by Ada is not counted in org A.
    expect(await countOf("orgTag")).toEqual({ value: 0, capped: false });
    expect((await call(searchEntries, orgA, "?count=yes")).status).toBe(400);
  });

  it("pages back to newer entries from afterSeq, as a link deep in the history does", async () => {
    const q = encodeURIComponent("action:custom.payout.* actor:ADA@example.com");
    const newest = await (await call(searchEntries, orgA, `?q=${q}&limit=4`)).json();
    const older = await (await call(searchEntries, orgA, `?q=${q}&limit=4&beforeSeq=${newest.nextBeforeSeq}`)).json();
    // The page just newer than the oldest is the newest one again, and says so.
    const newer = await (await call(searchEntries, orgA, `?q=${q}&limit=4&afterSeq=${older.prevAfterSeq}`)).json();
    expect(newer).toEqual(newest);
    const middle = await (await call(searchEntries, orgA, `?q=${q}&limit=2&afterSeq=${older.entries[1].seq}`)).json();
    // Two entries just newer than the oldest: newest first, with Older and Newer both open.
    expect(middle).toEqual({
      entries: [newest.entries[3], older.entries[0]],
      nextBeforeSeq: older.entries[0].seq,
      prevAfterSeq: newest.entries[3].seq,
    });
  });

  it("answers both cursors at once, or a malformed one, with 400 problem+json naming the field", async () => {
    const both = await call(searchEntries, orgA, "?beforeSeq=5&afterSeq=2");
    expect(both.status).toBe(400);
    expect(both.headers.get("content-type")).toBe("application/problem+json");
    expect((await both.json()).errors).toEqual({ afterSeq: ["Page from beforeSeq or from afterSeq, not both."] });
    for (const afterSeq of ["-1", "abc", "2.5", "99999999999999999999"]) {
      const response = await call(searchEntries, orgA, `?afterSeq=${afterSeq}`);
      expect([afterSeq, response.status]).toEqual([afterSeq, 400]);
      expect((await response.json()).errors.afterSeq).toBeDefined();
    }
  });

  it("answers a malformed search with 400 problem+json naming the position and length", async () => {
    const response = await call(searchEntries, orgA, `?q=${encodeURIComponent("outcome:success bogus:x")}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 400, position: 17, length: 5 });
    expect(problem.errors.q[0]).toMatch(/Unknown qualifier "bogus" at position 17/);
  });

  it("never shows another organization's entries", async () => {
    const body = await (await call(searchEntries, orgB, "?q=action:custom.payout.*", { cookie: cookieB })).json();
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0].metadata).toEqual({ orgTag: "B" });
    // Newer than B's first entry, with A's chain far longer: still B's one entry, and nothing newer.
    const newer = await (
      await call(searchEntries, orgB, "?q=action:custom.payout.*&afterSeq=1&limit=1", { cookie: cookieB })
    ).json();
    expect(newer).toMatchObject({ entries: [{ metadata: { orgTag: "B" } }], prevAfterSeq: null });
    expect(
      await (await call(searchEntries, orgA, `?afterSeq=${body.entries[0].seq}`, { cookie: cookieB })).json(),
    ).toMatchObject({ status: 404 });
  });
});

describe("GET /api/orgs/{org}/audit-entries/{seq}", () => {
  it("answers the entry, its neighbours in the chain and its verification", async () => {
    const target = await db.auditEntry.findFirstOrThrow({
      where: { orgId: orgA.org.id, action: "custom.payout.rejected" },
    });
    const response = await call(getEntry, orgA, `/${target.seq}`, { routeParams: { seq: target.seq.toString() } });
    expect(response.status).toBe(200);
    const detail = await response.json();
    expect(detail.entry).toMatchObject({
      seq: target.seq.toString(),
      action: "custom.payout.rejected",
      hash: target.hash,
    });
    expect(detail.previousSeq).toBe((target.seq - 1n).toString());
    expect(detail.nextSeq === null || detail.nextSeq === (target.seq + 1n).toString()).toBe(true);
    expect(detail.verification).toEqual({ contentOk: true, linkOk: true, status: "verified" });
  });

  it("reports a changed entry as a content mismatch and its successor as intact on its own", async () => {
    const victim = await append(orgA.org.id, "custom.payout.approved", { metadata: { amount: 10 } });
    const successor = await append(orgA.org.id, "custom.payout.approved", { metadata: { amount: 11 } });
    // As someone with database access would: the append-only triggers off, for this transaction only.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw`UPDATE audit_entries SET metadata = '{"amount": 1000}'::jsonb WHERE id = ${victim.id}::uuid`;
    });
    const seq = victim.seq.toString();
    const changed = await (await call(getEntry, orgA, `/${seq}`, { routeParams: { seq } })).json();
    expect(changed.verification).toEqual({ contentOk: false, linkOk: true, status: "content_mismatch" });
    const next = successor.seq.toString();
    expect(
      (await (await call(getEntry, orgA, `/${next}`, { routeParams: { seq: next } })).json()).verification.status,
    ).toBe("verified");
    // Put it back, so the chain verifies again for the tests below.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw`UPDATE audit_entries SET metadata = '{"amount": 10}'::jsonb WHERE id = ${victim.id}::uuid`;
    });
  });

  it("answers 404 for an unknown seq, and for a seq that exists only in another organization", async () => {
    const unknown = await call(getEntry, orgA, "/999999", { routeParams: { seq: "999999" } });
    expect(unknown.status).toBe(404);
    const headA = await lastEntry(orgA.org.id);
    const headB = await lastEntry(orgB.org.id);
    // orgB's chain is shorter: a seq that exists in A only is unknown to B.
    expect(headA.seq > headB.seq).toBe(true);
    const seq = headA.seq.toString();
    const response = await call(getEntry, orgB, `/${seq}`, { cookie: cookieB, routeParams: { seq } });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(headA.hash);
    expect((await call(getEntry, orgA, "/abc", { routeParams: { seq: "abc" } })).status).toBe(400);
  });
});

describe("GET /api/orgs/{org}/audit-entries/export", () => {
  it("streams exactly the filtered search, with the total up front, and audits the export once it has finished", async () => {
    const q = "action:custom.payout.* -outcome:failure";
    const searched = await (await call(searchEntries, orgA, `?q=${encodeURIComponent(q)}&limit=200`)).json();
    const before = await lastEntry(orgA.org.id);
    const response = await call(getExport, orgA, `/export?format=ndjson&q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    expect(response.headers.get("x-verity-export-total")).toBe(String(searched.entries.length));
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="${orgA.org.slug}-audit-\\d{4}-\\d{2}-\\d{2}\\.ndjson"$`),
    );
    // Nothing is recorded before the download has been read.
    expect((await lastEntry(orgA.org.id)).seq).toBe(before.seq);
    const lines = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([...searched.entries].reverse());
    const recorded = await lastEntry(orgA.org.id);
    expect(recorded).toMatchObject({ action: "audit.exported", actorId: orgA.user.id, outcome: "success" });
    expect(recorded.metadata).toEqual({ format: "ndjson", query: q, count: lines.length, complete: true, gzip: false });
  });

  it("downloads CSV with formula-safe cells, and gzip when asked", async () => {
    const csv = await call(
      getExport,
      orgA,
      `/export?format=csv&q=${encodeURIComponent("action:custom.payout.approved")}`,
    );
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/\.csv"$/);
    const rows = parseCsv(await csv.text());
    expect(rows[0].slice(0, 5)).toEqual(["seq", "id", "occurredAt", "category", "action"]);
    expect(rows.length - 1).toBe(Number(csv.headers.get("x-verity-export-total")));
    expect(rows.some((row) => row.includes(`'=HYPERLINK("https://evil.example")`))).toBe(true);
    expect(rows.some((row) => row.some((cell) => cell.startsWith("=")))).toBe(false);

    const gzipped = await call(getExport, orgA, "/export?format=json&gzip=1");
    expect(gzipped.headers.get("content-type")).toBe("application/gzip");
    expect(gzipped.headers.get("content-disposition")).toMatch(/\.json\.gz"$/);
    const entries = JSON.parse(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString("utf8"));
    expect(entries).toHaveLength(Number(gzipped.headers.get("x-verity-export-total")));
  });

  it("exports a bundle of a seq range that verifies offline, ignoring q", async () => {
    const response = await call(getExport, orgA, "/export?format=bundle&fromSeq=2&toSeq=5&q=action:nothing");
    expect(response.headers.get("x-verity-export-total")).toBe("4");
    expect(response.headers.get("content-disposition")).toMatch(/\.bundle\.ndjson"$/);
    const result = await verifyAuditBundle(linesOf(response.body!));
    expect(result).toMatchObject({ ok: true, orgId: orgA.org.id, fromSeq: 2, toSeq: 5, count: 4 });
    expect((await lastEntry(orgA.org.id)).metadata).toEqual({
      format: "bundle",
      query: "",
      count: 4,
      complete: true,
      gzip: false,
      fromSeq: "2",
      toSeq: "5",
    });
  });

  it("records a download closed early as incomplete", async () => {
    const response = await call(getExport, orgA, "/export?format=ndjson");
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect
      .poll(async () => (await lastEntry(orgA.org.id)).metadata, { timeout: 5000 })
      .toMatchObject({ format: "ndjson", complete: false });
    expect((await lastEntry(orgA.org.id)).outcome).toBe("failure");
  });

  it("refuses unknown formats, malformed searches and empty ranges with 400 before any byte", async () => {
    const format = await call(getExport, orgA, "/export?format=xlsx");
    expect(format.status).toBe(400);
    expect((await format.json()).errors.format).toBeDefined();
    const q = await (await call(getExport, orgA, `/export?q=${encodeURIComponent('"open')}`)).json();
    expect(q).toMatchObject({ status: 400, position: 1 });
    expect((await call(getExport, orgA, "/export?format=bundle&fromSeq=999999")).status).toBe(400);
  });

  it("refuses a bundle range that is not whole positive seqs, or runs backwards, with 400 problem+json, recording nothing", async () => {
    const before = await lastEntry(orgA.org.id);
    for (const [range, field] of [
      ["fromSeq=0", "fromSeq"],
      ["fromSeq=abc", "fromSeq"],
      ["fromSeq=1.5", "fromSeq"],
      ["toSeq=-3", "toSeq"],
      ["fromSeq=", "fromSeq"],
    ]) {
      const response = await call(getExport, orgA, `/export?format=bundle&${range}`);
      expect([range, response.status, response.headers.get("content-type")]).toEqual([
        range,
        400,
        "application/problem+json",
      ]);
      expect(Object.keys((await response.json()).errors), range).toEqual([field]);
    }
    const backwards = await call(getExport, orgA, "/export?format=bundle&fromSeq=5&toSeq=4");
    expect(backwards.status).toBe(400);
    expect(backwards.headers.get("content-type")).toBe("application/problem+json");
    expect((await backwards.json()).detail).toMatch(/no entries in 5\.\.4/);
    expect((await lastEntry(orgA.org.id)).seq).toBe(before.seq);
  });

  it("exports only the caller's organization", async () => {
    const text = await (await call(getExport, orgB, "/export?format=ndjson", { cookie: cookieB })).text();
    const lines = text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((entry: { id: string }) => entry.id)).toBe(true);
    expect(text).not.toContain("=HYPERLINK");
    expect((await call(getExport, orgA, "/export?format=ndjson", { cookie: cookieB })).status).toBe(404);
  });
});

describe("POST /api/orgs/{org}/audit-entries/verify", () => {
  it("streams progress lines, then the result, and records the verification", async () => {
    const before = await lastEntry(orgA.org.id);
    const response = await call(postVerify, orgA, "/verify", {
      method: "POST",
      headers: { accept: "application/x-ndjson" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const progress = lines.slice(0, -1);
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatchObject({ type: "progress", total: Number(before.seq) });
    expect(lines.at(-1)).toMatchObject({
      type: "result",
      ok: true,
      checked: Number(before.seq),
      headSeq: before.seq.toString(),
      firstBad: null,
    });
    const recorded = await lastEntry(orgA.org.id);
    expect(recorded).toMatchObject({
      action: "audit.chain_verified",
      actorId: orgA.user.id,
      outcome: "success",
      seq: before.seq + 1n,
    });
    // The verification signed a checkpoint up to the head first: the entries match one covering all of them.
    expect(recorded.metadata).toEqual({
      checked: Number(before.seq),
      ok: true,
      firstBadSeq: null,
      checkpointSize: before.seq.toString(),
    });
    expect(lines.at(-1).checkpoint).toMatchObject({
      size: before.seq.toString(),
      keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
  });

  it("names the first bad entry of a broken chain", async () => {
    const victim = await append(orgB.org.id, "custom.payout.approved", { metadata: { amount: 5 } });
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw`UPDATE audit_entries SET action = 'custom.payout.reversed' WHERE id = ${victim.id}::uuid`;
    });
    const response = await call(postVerify, orgB, "/verify", {
      cookie: cookieB,
      method: "POST",
      headers: { accept: "*/*" },
    });
    const result = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .at(-1);
    expect(result).toMatchObject({
      type: "result",
      ok: false,
      firstBad: { seq: victim.seq.toString(), kind: "content" },
    });
    expect(await lastEntry(orgB.org.id)).toMatchObject({ action: "audit.chain_verified", outcome: "failure" });
    const entry = await (
      await call(getEntry, orgB, `/${victim.seq}`, { cookie: cookieB, routeParams: { seq: victim.seq.toString() } })
    ).json();
    expect(entry.verification.status).toBe("content_mismatch");
  });

  it("still answers one JSON object to a caller that asks for JSON", async () => {
    const response = await call(postVerify, orgA, "/verify", {
      method: "POST",
      headers: { accept: "application/json" },
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ ok: true, firstBad: null });
  });
});

describe("GET /api/orgs/{org}/audit-entries/activity", () => {
  it("counts entries per UTC day and category, every day present", async () => {
    const now = new Date();
    const threeDaysAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 3, 12))
      .toISOString()
      .replace("Z", "000Z");
    await append(orgB.org.id, "custom.payout.approved", { occurredAt: threeDaysAgo });
    await append(orgB.org.id, "custom.payout.approved", { occurredAt: threeDaysAgo });
    const body = await (await call(getActivity, orgB, "/activity?days=7", { cookie: cookieB })).json();
    expect(body.days).toHaveLength(7);
    expect(body.days.at(-1).day).toBe(now.toISOString().slice(0, 10));
    const day = body.days.find((entry: { day: string }) => entry.day === threeDaysAgo.slice(0, 10));
    expect(day.counts.custom).toBe(2);
    expect(body.days.at(-4)).toBe(day);
    expect(body.days[0].counts).toMatchObject({ custom: 0, audit: 0, authentication: 0 });
    const today = body.days.at(-1).counts;
    const rows = await db.auditEntry.groupBy({
      by: ["category"],
      where: { orgId: orgB.org.id, occurredAt: { gte: new Date(`${body.days.at(-1).day}T00:00:00Z`) } },
      _count: true,
    });
    for (const row of rows) expect(today[row.category]).toBe(row._count);
    expect((await call(getActivity, orgB, "/activity?days=0", { cookie: cookieB })).status).toBe(400);
    expect((await call(getActivity, orgB, "/activity?days=367", { cookie: cookieB })).status).toBe(400);
  });
});

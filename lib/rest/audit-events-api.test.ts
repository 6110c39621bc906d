import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getExport } from "@/app/api/v1/audit-events/export/route";
import { GET as getAuditEvents } from "@/app/api/v1/audit-events/route";
import { GET as getVerify } from "@/app/api/v1/audit-events/verify/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { callApiRaw, createTestKey, type ApiHandler } from "@/lib/testing/api";
import { createOwner } from "@/lib/testing/factories";
import { encodeCursor } from "./cursor";

type Owner = Awaited<ReturnType<typeof createOwner>>;

let db: Db;
let orgA: Owner;
let orgB: Owner;
let keyA: string;
let keyB: string;
let readOnlyKeyA: string;

async function keyFor(owner: Owner, scopes: string[], readOnly = false) {
  return (await createTestKey(db, owner, owner.org, { name: "SIEM", scopes: scopes as never, readOnly })).key;
}

async function append(
  orgId: string,
  action: `custom.${string}`,
  display: string,
  outcome: "success" | "failure" = "success",
) {
  return db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId,
      action,
      outcome,
      actor: { type: "user", id: `id-${display}`, display },
      metadata: { org: orgId.slice(0, 4) },
    }),
  );
}

beforeAll(async () => {
  db = testDb();
  orgA = await createOwner();
  orgB = await createOwner();
  const all = ["audit.read", "audit.export", "audit.verify"];
  keyA = await keyFor(orgA, all);
  keyB = await keyFor(orgB, all);
  readOnlyKeyA = await keyFor(orgA, ["audit.read"], true);
  for (let i = 0; i < 5; i++) await append(orgA.org.id, "custom.invoice.paid", "ada@example.com");
  await append(orgA.org.id, "custom.invoice.voided", "bob@example.com", "failure");
  await append(orgB.org.id, "custom.invoice.paid", "ada@example.com");
});

function call(handler: ApiHandler, path: string, key: string | null, query = "") {
  return callApiRaw(handler, path, { key, query });
}
const lastEntry = (orgId: string) => db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });

describe("GET /api/v1/audit-events?q=", () => {
  it("searches with the audit query language, ANDed with the individual filters, paged by cursor", async () => {
    const q = encodeURIComponent("action:custom.invoice.*");
    const all = await (await call(getAuditEvents, "/audit-events", keyA, `?q=${q}`)).json();
    expect(all.data.map((entry: { action: string }) => entry.action).sort()).toEqual(
      [...Array(5).fill("custom.invoice.paid"), "custom.invoice.voided"].sort(),
    );
    const anded = await (await call(getAuditEvents, "/audit-events", keyA, `?q=${q}&outcome=failure`)).json();
    expect(anded.data).toHaveLength(1);
    expect(anded.data[0].actor.display).toBe("bob@example.com");
    const legacy = await (
      await call(getAuditEvents, "/audit-events", keyA, "?action=custom.invoice.*&actor=ada@")
    ).json();
    expect(legacy.data).toHaveLength(5);

    const first = await (await call(getAuditEvents, "/audit-events", keyA, `?q=${q}&limit=4`)).json();
    expect(first.data).toHaveLength(4);
    const second = await (
      await call(getAuditEvents, "/audit-events", keyA, `?q=${q}&limit=4&cursor=${first.nextCursor}`)
    ).json();
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it("pages back to newer entries with prevCursor, and older cursors still work", async () => {
    const q = `?q=${encodeURIComponent("action:custom.invoice.*")}&limit=4`;
    const seqs = (page: { data: { seq: string }[] }) => page.data.map((entry) => entry.seq);
    const newest = await (await call(getAuditEvents, "/audit-events", keyA, q)).json();
    const older = await (await call(getAuditEvents, "/audit-events", keyA, `${q}&cursor=${newest.nextCursor}`)).json();
    expect([older.data.length, older.nextCursor]).toEqual([2, null]);
    const newer = await (await call(getAuditEvents, "/audit-events", keyA, `${q}&cursor=${older.prevCursor}`)).json();
    expect(seqs(newer)).toEqual(seqs(newest));
    expect(newer.nextCursor).toEqual(expect.any(String));
    // A cursor as every cursor was before newer pages: the seq to continue below.
    const legacy = await (
      await call(getAuditEvents, "/audit-events", keyA, `${q}&cursor=${encodeCursor(orgA.org.id, newest.data[1].seq)}`)
    ).json();
    expect(seqs(legacy)).toEqual(seqs(newest).slice(2).concat(seqs(older)));
  });

  it("lets a SIEM follow the trail: the newest page's prevCursor answers nothing until new entries arrive, then just those", async () => {
    const owner = await createOwner();
    const key = await keyFor(owner, ["audit.read"]);
    const q = `?q=${encodeURIComponent("action:custom.*")}`;
    const poll = async (cursor?: string) =>
      (await call(getAuditEvents, "/audit-events", key, cursor ? `${q}&cursor=${cursor}` : q)).json();
    const empty = await poll();
    expect(empty.data).toEqual([]);
    await append(owner.org.id, "custom.wallet.opened", "ada@example.com");
    const first = await poll(empty.prevCursor);
    expect(first.data.map((entry: { action: string }) => entry.action)).toEqual(["custom.wallet.opened"]);
    const quiet = await poll(first.prevCursor);
    expect([quiet.data, quiet.prevCursor]).toEqual([[], first.prevCursor]);
    await append(owner.org.id, "custom.wallet.debited", "ada@example.com");
    await append(owner.org.id, "custom.wallet.credited", "ada@example.com");
    const next = await poll(quiet.prevCursor);
    expect(next.data.map((entry: { action: string }) => entry.action)).toEqual([
      "custom.wallet.credited",
      "custom.wallet.debited",
    ]);
  });

  it("refuses a newer cursor from another organization, or one edited out of range, with 400", async () => {
    const newerOfB = encodeCursor(orgB.org.id, "1", "newer");
    expect((await call(getAuditEvents, "/audit-events", keyA, `?cursor=${newerOfB}`)).status).toBe(400);
    const forged = [
      { o: orgA.org.id, s: "1", d: "sideways" },
      { o: orgA.org.id, s: "9223372036854775807", d: "newer" },
      { o: orgA.org.id, s: "0" },
    ];
    for (const cursor of forged) {
      const response = await call(
        getAuditEvents,
        "/audit-events",
        keyA,
        `?cursor=${Buffer.from(JSON.stringify(cursor)).toString("base64url")}`,
      );
      expect([cursor, response.status]).toEqual([cursor, 400]);
      expect((await response.json()).errors).toEqual({ cursor: ["Not a valid cursor."] });
    }
    // From the start of the chain: the key's own organization's oldest entries only.
    const oldest = await (
      await call(getAuditEvents, "/audit-events", keyB, `?limit=200&cursor=${encodeCursor(orgB.org.id, "0", "newer")}`)
    ).json();
    const idsOfB = (await db.auditEntry.findMany({ where: { orgId: orgB.org.id }, select: { id: true } })).map(
      (entry) => entry.id,
    );
    expect(oldest.data.map((entry: { id: string }) => entry.id).sort()).toEqual(idsOfB.sort());
  });

  it("answers a syntax error with 400 problem+json naming its position", async () => {
    const response = await call(
      getAuditEvents,
      "/audit-events",
      keyA,
      `?q=${encodeURIComponent("created:2026-13-01")}`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ position: 9, detail: expect.stringContaining("at position 9") });
  });

  it("refuses a cursor from another organization, or a forged one, with 400", async () => {
    const fromB = encodeCursor(orgB.org.id, "5");
    expect((await call(getAuditEvents, "/audit-events", keyA, `?cursor=${fromB}`)).status).toBe(400);
    expect((await call(getAuditEvents, "/audit-events", keyA, "?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
  });

  it("never shows a key another organization's entries, whatever it searches for", async () => {
    const body = await (
      await call(
        getAuditEvents,
        "/audit-events",
        keyB,
        `?q=${encodeURIComponent(`"${orgA.org.id.slice(0, 4)}"`)}&limit=200`,
      )
    ).json();
    expect(
      body.data.every((entry: { metadata: { org?: string } }) => entry.metadata.org !== orgA.org.id.slice(0, 4)),
    ).toBe(true);
    const mine = await (await call(getAuditEvents, "/audit-events", keyB, "?limit=200")).json();
    expect(mine.data.map((entry: { id: string }) => entry.id)).not.toContain((await lastEntry(orgA.org.id)).id);
  });
});

describe("GET /api/v1/audit-events/export", () => {
  it("streams the search's entries with the total and rate-limit headers, and records the export with the key as actor", async () => {
    const q = encodeURIComponent("actor:ada@example.com");
    const response = await call(getExport, "/audit-events/export", keyA, `?format=ndjson&q=${q}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-verity-export-total")).toBe("5");
    expect(response.headers.get("ratelimit-limit")).toBeTruthy();
    const lines = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    const recorded = await lastEntry(orgA.org.id);
    expect(recorded).toMatchObject({ action: "audit.exported", actorType: "api_key", outcome: "success" });
    expect(recorded.actorDisplay).toMatch(/^SIEM \(vk_test_/);
    expect(recorded.metadata).toEqual({
      format: "ndjson",
      query: "actor:ada@example.com",
      count: 5,
      complete: true,
      gzip: false,
    });
  });

  it("exports only the key's organization", async () => {
    const idsOf = async (orgId: string) =>
      (await db.auditEntry.findMany({ where: { orgId }, select: { id: true } })).map((entry) => entry.id);
    const [idsOfA, idsOfB] = [await idsOf(orgA.org.id), await idsOf(orgB.org.id)];
    const text = await (await call(getExport, "/audit-events/export", keyB, "?format=csv")).text();
    for (const id of idsOfA) expect(text).not.toContain(id);
    for (const id of idsOfB) expect(text).toContain(id);
  });

  it("compresses an export that does not say gzip when the organization's setting says so", async () => {
    const owner = await createOwner();
    const key = await keyFor(owner, ["audit.export"]);
    const exportOf = (query: string) => call(getExport, "/audit-events/export", key, query);
    expect((await exportOf("?format=ndjson")).headers.get("content-type")).toBe("application/x-ndjson");
    await db.organization.update({ where: { id: owner.org.id }, data: { featureFlags: { audit_export_gzip: true } } });
    const compressed = await exportOf("?format=ndjson");
    expect(compressed.headers.get("content-type")).toBe("application/gzip");
    expect(compressed.headers.get("content-disposition")).toMatch(/\.ndjson\.gz"$/);
    const lines = gunzipSync(Buffer.from(await compressed.arrayBuffer()))
      .toString("utf8")
      .split("\n")
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect((await lastEntry(owner.org.id)).metadata).toMatchObject({ gzip: true });
    // Said either way, the request wins over the setting.
    expect((await exportOf("?format=ndjson&gzip=0")).headers.get("content-type")).toBe("application/x-ndjson");
  });

  it("refuses unknown formats, bad searches and unknown parameters with 400, and a key without the scope with 403", async () => {
    expect((await call(getExport, "/audit-events/export", keyA, "?format=pdf")).status).toBe(400);
    expect(
      await (await call(getExport, "/audit-events/export", keyA, `?q=${encodeURIComponent("ip:999.1.1.1")}`)).json(),
    ).toMatchObject({ status: 400, position: 4 });
    expect((await call(getExport, "/audit-events/export", keyA, "?limit=5")).status).toBe(400);
    expect((await call(getExport, "/audit-events/export", readOnlyKeyA, "")).status).toBe(403);
  });
});

describe("GET /api/v1/audit-events/verify", () => {
  it("answers the verification's result and records it with the key as actor", async () => {
    const before = await lastEntry(orgB.org.id);
    const response = await call(getVerify, "/audit-events/verify", keyB);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("ratelimit-remaining")).toBeTruthy();
    const result = await response.json();
    expect(result).toEqual({
      ok: true,
      checked: Number(before.seq),
      headSeq: before.seq.toString(),
      headHash: before.hash,
      pending: 0, // every committed entry is linked
      archivedThrough: "0", // nothing of this organization's chain is archived
      firstBad: null,
      // A checkpoint was signed up to the head first: the verification covers every entry with it.
      checkpoint: {
        size: before.seq.toString(),
        rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
        signedAt: expect.any(String),
      },
    });
    expect(await lastEntry(orgB.org.id)).toMatchObject({
      action: "audit.chain_verified",
      actorType: "api_key",
      outcome: "success",
    });
    // The other organization's trail is untouched.
    expect((await lastEntry(orgA.org.id)).action).not.toBe("audit.chain_verified");
  });
});

describe("the OpenAPI document", () => {
  it("describes the export's formats and total header, and q on the list", async () => {
    const document = await (await getOpenApi(new Request("http://localhost/api/v1/openapi.json"))).json();
    const exported = document.paths["/audit-events/export"].get;
    expect(Object.keys(exported.responses["200"].content)).toEqual(
      expect.arrayContaining(["application/x-ndjson", "text/csv; charset=utf-8", "application/json"]),
    );
    expect(exported.responses["200"].headers["X-Verity-Export-Total"]).toBeDefined();
    expect(exported["x-permission"]).toBe("audit.export");
    expect(
      document.paths["/audit-events/verify"].get.responses["200"].content["application/json"].schema.properties
        .firstBad,
    ).toBeDefined();
    expect(
      document.paths["/audit-events"].get.parameters.map((parameter: { name: string }) => parameter.name),
    ).toContain("q");
    const listed = document.paths["/audit-events"].get.responses["200"].content["application/json"].schema;
    expect(listed.required).toEqual(expect.arrayContaining(["data", "nextCursor", "prevCursor"]));
  });
});

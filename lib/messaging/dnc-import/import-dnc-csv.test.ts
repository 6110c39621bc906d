import { beforeAll, describe, expect, it } from "vitest";
import { POST as importDncRoute } from "@/app/api/v1/dnc/import/route";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { importDncCsv } from "./import-dnc-csv";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** The text as a stream of small chunks, cut in the middle of lines and of multi-byte characters. */
async function* chunked(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const CSV = [
  "Phone,Reason,Source",
  "+12025550100,asked by phone,call center", // 2: good
  "(415) 555-0101,,", // 3: good, a US number without its country code
  "not a number,typo,", // 4: invalid
  ",no phone,", // 5: missing
  "+12025550100,again,", // 6: repeated in the file
  "+44 20 7946 0958,Londres – demandé,web", // 7: good, not US, with non-ASCII text
  '"+1202555,0199', // 8: an unclosed quote swallows the rest of the file
  "+12025550103,never read,",
].join("\r\n");

const imported = (orgId: string) =>
  db.messagingDncEntry.findMany({
    where: { orgId },
    orderBy: { phoneE164: "asc" },
    select: { phoneE164: true, reason: true, source: true },
  });

const importEntries = (orgId: string) =>
  db.auditEntry.findMany({ where: { orgId, action: "dnc.imported" }, select: { metadata: true, actorDisplay: true } });

describe("importDncCsv", () => {
  it("keeps the good rows, reports the bad ones by line, counts duplicates, and is one audit entry", async () => {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org, "ADMIN");
    const progress: number[] = [];
    const report = await db.$transaction((tx) =>
      importDncCsv(tx, ctx, {
        bytes: chunked(CSV),
        fileName: "list.csv",
        batchRows: 2,
        onProgress: (p) => void progress.push(p.rows),
      }),
    );
    expect(report).toMatchObject({ rows: 7, added: 3, duplicates: 1, rejected: 3, errorsTruncated: false });
    expect(report.errors).toEqual([
      { line: 4, code: "invalid_phone" },
      { line: 5, code: "missing_phone" },
      { line: 8, code: "malformed_csv" },
    ]);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(await imported(owner.org.id)).toEqual([
      { phoneE164: "+12025550100", reason: "asked by phone", source: "call center" },
      { phoneE164: "+14155550101", reason: "", source: "csv_import" },
      { phoneE164: "+442079460958", reason: "Londres – demandé", source: "web" },
    ]);
    const entries = await importEntries(owner.org.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.metadata).toEqual({
      fileName: "list.csv",
      rows: 7,
      added: 3,
      duplicates: 1,
      rejected: 3,
      cancelledMessages: 0,
    });
  });

  it("counts numbers already on the list as duplicates, and stays in its own organization", async () => {
    const [a, b] = [await createOwner(), await createOwner()];
    const run = (org: typeof a, text: string) =>
      db.$transaction((tx) => importDncCsv(tx, orgContextFor(org, org.org), { bytes: chunked(text) }));
    await run(a, "phone\n+12025550100\n+12025550101\n");
    const again = await run(a, "phone\n+12025550101\n+12025550102\n");
    expect(again).toMatchObject({ rows: 2, added: 1, duplicates: 1, rejected: 0 });
    // The same number in another organization is that organization's own entry.
    expect(await run(b, "phone\n+12025550101\n")).toMatchObject({ added: 1, duplicates: 0 });
    expect((await imported(a.org.id)).map((e) => e.phoneE164)).toEqual([
      "+12025550100",
      "+12025550101",
      "+12025550102",
    ]);
    expect((await imported(b.org.id)).map((e) => e.phoneE164)).toEqual(["+12025550101"]);
    expect(await importEntries(a.org.id)).toHaveLength(2);
    expect(await importEntries(b.org.id)).toHaveLength(1);
  });

  it("cancels the scheduled messages to imported numbers, of its own organization only", async () => {
    const [a, b] = [await createOwner(), await createOwner()];
    const schedule = (orgId: string, to: string) =>
      db.messagingMessage.create({
        data: { orgId, toE164: to, body: "hello", status: "scheduled" },
        select: { id: true },
      });
    const mine = await schedule(a.org.id, "+12025550177");
    const theirs = await schedule(b.org.id, "+12025550177");
    const report = await db.$transaction((tx) =>
      importDncCsv(tx, orgContextFor(a, a.org), { bytes: chunked("phone\n+1 202 555 0177\n") }),
    );
    expect(report.cancelledMessages).toBe(1);
    const status = async (id: string) => (await db.messagingMessage.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(mine.id)).toBe("cancelled");
    expect(await status(theirs.id)).toBe("scheduled");
    const cancelled = await db.auditEntry.findMany({ where: { orgId: a.org.id, action: "message.cancelled" } });
    expect(cancelled.map((entry) => entry.metadata)).toEqual([
      { messageId: mine.id, phone: "+12025550177", campaignId: null, decisionId: null, reason: "dnc_added" },
    ]);
  });

  it("refuses a file whose first line names no phone column, keeping and recording nothing", async () => {
    const owner = await createOwner();
    const attempt = db.$transaction((tx) =>
      importDncCsv(tx, orgContextFor(owner, owner.org), { bytes: chunked("name,reason\n+12025550100,x\n") }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "invalid_input" });
    expect(await imported(owner.org.id)).toEqual([]);
    expect(await importEntries(owner.org.id)).toEqual([]);
  });

  it("is refused to a member (messaging.manage)", async () => {
    const owner = await createOwner();
    const attempt = db.$transaction((tx) =>
      importDncCsv(tx, orgContextFor(owner, owner.org, "MEMBER"), { bytes: chunked("phone\n+12025550100\n") }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("POST /api/v1/dnc/import", () => {
  it("imports a text/csv body and answers the report; another media type or a bad header is a 400", async () => {
    const owner = await createOwner();
    const { key } = await createTestKey(db, owner, owner.org, { scopes: ["messaging.manage"] });
    const headers = { "content-type": "text/csv; charset=utf-8" };
    const ok = await callApi(importDncRoute, "/dnc/import", {
      key,
      method: "POST",
      headers,
      rawBody: "phone,reason\n+12025550100,asked\nnope,\n",
      query: "?fileName=list.csv",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ rows: 2, added: 1, rejected: 1, errors: [{ line: 3, code: "invalid_phone" }] });
    const json = await callApi(importDncRoute, "/dnc/import", { key, method: "POST", body: { phone: "+12025550100" } });
    expect(json.status).toBe(415); // not text/csv
    const noPhone = await callApi(importDncRoute, "/dnc/import", {
      key,
      method: "POST",
      headers,
      rawBody: "a,b\n1,2\n",
    });
    expect(noPhone.status).toBe(400);
    expect(noPhone.headers.get("content-type")).toContain("application/problem+json");
    expect(await importEntries(owner.org.id)).toHaveLength(1);
  });
});

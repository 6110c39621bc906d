import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry } from "../append-audit-entry";
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";
import { auditQueryWhere } from "../search/audit-query-where";
import { WHOLE_PHRASE_INDEX } from "../search/free-text-index";
import { parseAuditQuery } from "../search/parse-audit-query";
import { ZAuditEntryView } from "../audit-entry-view";
import { AUDIT_ENTRY_COLUMNS, entryViewOf, type AuditEntryRow } from "../entry-view-of";
import { searchAuditEntries } from "../search/search-audit-entries";
import { CSV_COLUMNS, csvRowOf } from "./csv-format";
import { exportAuditEntries } from "./export-audit-entries";
import { parseCsv } from "./export-test-helpers";

let db: Db;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  db = testDb();
  orgA = (await createOwner()).org.id;
  orgB = (await createOwner()).org.id;
  await appendEvents(db, orgA, 7);
  await appendEvents(db, orgB, 3);
  await db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId: orgA,
      action: "custom.report.generated",
      actor: { type: "user", id: "u-1", display: "=cmd|' /C calc'!A0" },
      metadata: { note: 'line one\nline "two", with a comma' },
    }),
  );
});

const textOf = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const whereOf = (q: string) => auditQueryWhere(parseAuditQuery(q), WHOLE_PHRASE_INDEX);

/** What the search shows for q, in chain order (the search itself is newest first). */
async function searched(q: string, orgId = orgA) {
  return (await searchAuditEntries(db, { orgId, q, limit: 200 })).entries.reverse();
}

describe("exportAuditEntries", () => {
  it.each([
    "",
    "action:custom.test.*",
    "-action:custom.test.*",
    "category:custom -outcome:failure",
    '"line one"',
    "action:nothing.here",
  ])("NDJSON of %j holds exactly the search's entries, oldest first, batch after batch", async (q) => {
    const progress: number[] = [];
    const result = exportAuditEntries(db, {
      orgId: orgA,
      where: whereOf(q),
      format: "ndjson",
      batchSize: 3,
      onProgress: (count) => progress.push(count),
    });
    const lines = (await textOf(result.stream)).split("\n").filter(Boolean);
    const expected = await searched(q);
    expect(lines.map((line) => JSON.parse(line))).toEqual(expected);
    expect(await result.done).toEqual({ count: expected.length, complete: true });
    expect(progress.at(-1) ?? 0).toBe(expected.length);
    expect(result.contentType).toBe("application/x-ndjson");
  });

  it("never exports another organization's entries", async () => {
    const fromA = (await textOf(exportAuditEntries(db, { orgId: orgA, format: "ndjson" }).stream))
      .split("\n")
      .filter(Boolean);
    const idsOfB = new Set((await searched("", orgB)).map((entry) => entry.id));
    expect(fromA.length).toBe(10);
    expect(fromA.filter((line) => idsOfB.has(JSON.parse(line).id))).toEqual([]);
  });

  it("CSV round-trips: a header, then the search's rows, formula cells neutralized", async () => {
    const text = await textOf(
      exportAuditEntries(db, { orgId: orgA, where: whereOf("category:custom"), format: "csv", batchSize: 4 }).stream,
    );
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toEqual((await searched("category:custom")).map(csvRowOf));
    expect(rows.at(-1)![CSV_COLUMNS.indexOf("actorDisplay")]).toBe("'=cmd|' /C calc'!A0");
  });

  it("JSON is one array, also when nothing matches", async () => {
    const all = await textOf(exportAuditEntries(db, { orgId: orgA, format: "json", batchSize: 3 }).stream);
    expect(JSON.parse(all)).toEqual(await searched(""));
    const none = await textOf(
      exportAuditEntries(db, { orgId: orgA, where: whereOf("action:nothing.here"), format: "json" }).stream,
    );
    expect(JSON.parse(none)).toEqual([]);
  });

  it("OCSF and CEF write one event per line, in chain order", async () => {
    const expected = (await searched("")).map((entry) => entry.id);
    const ocsf = (await textOf(exportAuditEntries(db, { orgId: orgA, format: "ocsf", batchSize: 4 }).stream))
      .split("\n")
      .filter(Boolean);
    expect(ocsf.map((line) => JSON.parse(line).metadata.uid)).toEqual(expected);
    const cef = (await textOf(exportAuditEntries(db, { orgId: orgA, format: "cef", batchSize: 4 }).stream))
      .split("\n")
      .filter(Boolean);
    expect(cef.map((line) => /externalId=([0-9a-f-]+)/.exec(line)![1])).toEqual(expected);
  });

  it("gzips when asked, to the same bytes", async () => {
    const plain = await textOf(exportAuditEntries(db, { orgId: orgA, format: "ndjson" }).stream);
    const zipped = exportAuditEntries(db, { orgId: orgA, format: "ndjson", gzip: true });
    expect(zipped).toMatchObject({ contentType: "application/gzip", extension: "ndjson.gz" });
    const bytes = Buffer.from(await new Response(zipped.stream).arrayBuffer());
    expect(gunzipSync(bytes).toString("utf8")).toBe(plain);
    expect(await zipped.done).toEqual({ count: 10, complete: true });
  });

  it("stops reading when the download is dropped, and says it was partial", async () => {
    const result = exportAuditEntries(db, { orgId: orgA, format: "ndjson", batchSize: 2 });
    const reader = result.stream.getReader();
    await reader.read();
    await reader.cancel();
    const outcome = await result.done;
    expect(outcome.complete).toBe(false);
    expect(outcome.count).toBeLessThan(10);
  });

  it("leaves entries appended during the export for the next one", async () => {
    const { org } = await createOwner();
    await appendEvents(db, org.id, 3);
    const result = exportAuditEntries(db, { orgId: org.id, format: "ndjson", batchSize: 2 });
    const reader = result.stream.getReader();
    await reader.read();
    await appendEvents(db, org.id, 2);
    while (!(await reader.read()).done);
    expect(await result.done).toEqual({ count: 5, complete: true });
  });

  it("a failed read errors the stream and rejects done", async () => {
    const result = exportAuditEntries(db, { orgId: orgA, where: Prisma.sql`(1 / (seq - seq)) = 1`, format: "ndjson" });
    await expect(textOf(result.stream)).rejects.toThrow();
    await expect(result.done).rejects.toThrow();
  });
});

describe("the view PostgreSQL builds for an export", () => {
  it("is, character for character, entryViewOf's zod-parsed view of the same rows", async () => {
    const { org } = await createOwner();
    await db.$transaction((tx) =>
      appendAuditEntry(tx, {
        orgId: org.id,
        action: "custom.report.generated",
        actor: { type: "api_key", id: null, display: 'Key "ci" (vk_live_AbC1…)' },
        target: { type: "report", id: "r-1", display: "Q3 \u2028 ✓ 😀" },
        outcome: "failure",
        context: {
          ip: "2001:db8::1",
          userAgent: "curl/8",
          geo: { country: "GB", region: null, city: "Zürich" },
          requestId: "req-1",
        },
        metadata: { b: [1, 2.5, -3e-7], a: { nested: null }, "10": "numeric key", note: "tab\there" },
        // A microsecond part that must survive: the content hash covers it.
        occurredAt: "2026-11-25T13:28:18.123999Z",
      }),
    );
    const text = await textOf(exportAuditEntries(db, { orgId: org.id, format: "ndjson", batchSize: 2 }).stream);
    const rows = await db.$queryRaw<AuditEntryRow[]>`
      SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE org_id = ${org.id}::uuid ORDER BY seq`;
    expect(text).toBe(rows.map((row) => `${JSON.stringify(entryViewOf(row))}\n`).join(""));
    for (const line of text.split("\n").filter(Boolean))
      expect(JSON.stringify(ZAuditEntryView.parse(JSON.parse(line)))).toBe(line);
    expect(text).toContain('"occurredAt":"2026-11-25T13:28:18.123999Z"');
  });
});

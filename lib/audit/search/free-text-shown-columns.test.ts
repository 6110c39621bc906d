import { beforeAll, describe, expect, it } from "vitest";
import { GET as getExport } from "@/app/api/v1/audit-events/export/route";
import { GET as getAuditEvents } from "@/app/api/v1/audit-events/route";
import type { Db } from "@/lib/db/client";
import { callApiRaw, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { appendAuditEntry, type AuditEvent } from "../append-audit-entry";
import { forgetFreeTextSample } from "./free-text-index";
import { searchAuditEntries } from "./search-audit-entries";

/**
 * Issue 22: free text finds what the audit table shows. The table shows a target (or an actor) by its display
 * name, else by its id, and the entry's IP and location; a bare word found only display names and metadata, so
 * `wal_97` found nothing although a row showed "wal_97". The panel, the API and the exports share the search.
 */

let db: Db;
let orgA: Awaited<ReturnType<typeof createOwner>>;
let orgB: Awaited<ReturnType<typeof createOwner>>;
let key: string;
const labels = new Map<string, string>();

const at = (ip: string, city: string | null, country: string | null) => ({
  ip,
  userAgent: "vitest",
  geo: { country, region: null, city },
  requestId: null,
});

async function seed(label: string, event: AuditEvent) {
  const { id } = await db.$transaction((tx) => appendAuditEntry(tx, event));
  labels.set(id, label);
}

beforeAll(async () => {
  db = testDb();
  orgA = await createOwner();
  orgB = await createOwner();
  key = (await createTestKey(db, orgA, orgA.org, { name: "SIEM", scopes: ["audit.read", "audit.export"] as never }))
    .key;
  await seed("wallet", {
    orgId: orgA.org.id,
    action: "custom.wallet.frozen",
    actor: { type: "system", id: "svc_ledger_7", display: null },
    target: { type: "wallet", id: "wal_97", display: null },
    context: at("192.0.2.44", "Lyon", "FR"),
    metadata: { reason: "chargeback" },
  });
  await seed("payout", {
    orgId: orgA.org.id,
    action: "custom.payout.approved",
    actor: { type: "user", id: "u-ada", display: "ada@example.com" },
    target: { type: "payout", id: "po_31", display: "Payout to Zoë" },
    context: at("198.51.100.9", "Leeds", "GB"),
    metadata: { amount: 100 },
  });
  await seed("B:wallet", {
    orgId: orgB.org.id,
    action: "custom.wallet.frozen",
    actor: { type: "system", id: "svc_ledger_7", display: null },
    target: { type: "wallet", id: "wal_97", display: null },
    context: at("192.0.2.44", "Lyon", "FR"),
    metadata: { reason: "chargeback" },
  });
  // The index's choice of pieces reads fresh statistics (PostgreSQL), whatever an earlier file left.
  await db.$executeRawUnsafe("ANALYZE audit_entries");
  forgetFreeTextSample();
});

async function search(q: string, orgId = orgA.org.id) {
  const { entries } = await searchAuditEntries(db, { orgId, q, limit: 200 });
  return entries.map((entry) => labels.get(entry.id)).filter((label) => label !== undefined);
}

describe("free text finds what the audit table shows", () => {
  it.each<[string, string[]]>([
    // A target shown by its id (no display name): the example.
    ["wal_97", ["wallet"]],
    ["WAL_97", ["wallet"]],
    // An actor shown by its id.
    ["svc_ledger", ["wallet"]],
    // The IP column, whole or a part.
    ["192.0.2.44", ["wallet"]],
    ["198.51.100", ["payout"]],
    // The Location column's city.
    ["lyon", ["wallet"]],
    ['"Leeds"', ["payout"]],
    // A target id behind a display name is what the drawer shows: found too.
    ["po_31", ["payout"]],
    // Still the display names, the action and the metadata.
    ["zoë", ["payout"]],
    ["wallet.frozen", ["wallet"]],
    ["chargeback", ["wallet"]],
    // Two words of different columns each match; one phrase never runs across columns.
    ["lyon chargeback", ["wallet"]],
    ['"wal_97 192"', []],
    ["-wal_97", ["payout"]],
  ])("%s", async (q, expected) => {
    expect((await search(q)).filter((label) => !label.startsWith("B:"))).toEqual(expected);
  });

  it("stays within the organization", async () => {
    expect(await search("wal_97", orgB.org.id)).toEqual(["B:wallet"]);
  });

  it("is what GET /api/v1/audit-events?q= and the export find", async () => {
    const listed = await (await callApiRaw(getAuditEvents, "/audit-events", { key, query: "?q=wal_97" })).json();
    expect(listed.data.map((entry: { target: { id: string } | null }) => entry.target?.id)).toEqual(["wal_97"]);
    const exported = await (
      await callApiRaw(getExport, "/audit-events/export", { key, query: "?format=ndjson&q=192.0.2.44" })
    ).text();
    const rows = exported
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { action?: string; ip?: string });
    expect(rows.filter((row) => row.action).map((row) => [row.action, row.ip])).toEqual([
      ["custom.wallet.frozen", "192.0.2.44"],
    ]);
  });
});

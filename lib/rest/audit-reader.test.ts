import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as searchScreen } from "@/app/api/orgs/[orgSlug]/audit-entries/route";
import { GET as getAuditEvents } from "@/app/api/v1/audit-events/route";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import {
  searchAuditEntries,
  searchAuditEntriesSql,
  type AuditSearchPage,
} from "@/lib/audit/search/search-audit-entries";
import { WHOLE_PHRASE_INDEX } from "@/lib/audit/search/free-text-index";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";

/**
 * The dashboard, the audit screen and GET /api/v1/audit-events read the trail through one reader
 * (searchAuditEntries): the API's since/until get the screen's date-range plan, and answer what
 * they answered when the API had a reader of its own (occurred_at in [since, until), by seq).
 */
type Owner = Awaited<ReturnType<typeof createOwner>>;

let db: Db;
let owner: Owner;
let key: string;
let cookie: string;

/** Imported entries, appended out of time order, so a date range is not a run of seqs. */
const DAYS = [
  "2026-03-04",
  "2026-01-10",
  "2026-03-01",
  "2026-02-27",
  "2026-03-06",
  "2026-03-02",
  "2026-01-11",
  "2026-03-03",
];

beforeAll(async () => {
  db = testDb();
  owner = await createOwner();
  await enrolTotp(db, owner.user.id);
  cookie = (await sessionCookieFor(db, owner.user.id)).cookie;
  key = (await createTestKey(db, owner, owner.org, { name: "SIEM", scopes: ["audit.read"] as never })).key;
  for (const [n, day] of DAYS.entries()) {
    await db.$transaction((tx) =>
      appendAuditEntry(tx, {
        orgId: owner.org.id,
        action: n % 2 ? "custom.invoice.paid" : "custom.payout.approved",
        actor: { type: "user", id: `u-${n % 3}`, display: `user${n % 3}@example.com` },
        occurredAt: `${day}T12:00:00.000000Z`,
        metadata: { n },
      }),
    );
  }
});

const since = "2026-03-01T00:00:00Z";
const until = "2026-03-05T00:00:00+00:00";

/** What the API's own reader answered: occurred_at in [since, until), newest seq first. */
async function seqsInRange(from: string, to: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT seq FROM audit_entries WHERE org_id = ${owner.org.id}::uuid
       AND occurred_at >= ${from}::timestamptz AND occurred_at < ${to}::timestamptz ORDER BY seq DESC`;
  return rows.map((row) => String(row.seq));
}

async function apiSeqs(query: string): Promise<string[]> {
  const seqs: string[] = [];
  let cursor = "";
  do {
    const { status, body } = await callApi(getAuditEvents, "/audit-events", {
      key,
      query: `?limit=2&${query}${cursor}`,
    });
    expect(status).toBe(200);
    seqs.push(...body.data.map((entry: { seq: string }) => entry.seq));
    cursor = body.nextCursor ? `&cursor=${body.nextCursor}` : "";
  } while (cursor);
  return seqs;
}

describe("one reader for the dashboard, the audit screen and the API", () => {
  it("gives the API's since/until the screen's date-range plan", () => {
    const orgId = owner.org.id;
    const plan = (search: Partial<AuditSearchPage>) =>
      searchAuditEntriesSql({ orgId, q: "", limit: 3, ...search }, WHOLE_PHRASE_INDEX).text;
    expect(plan({ since, until })).toContain("range_seqs");
    expect(plan({ q: "created:2026-03-01..2026-03-04" })).toContain("range_seqs");
    // Half a range from each side is still a closed range: the latest start, the earliest end.
    expect(plan({ since, q: "created:<2026-03-05 created:<=2026-03-10" })).toMatch(/LEAST\(/);
    expect(plan({ since })).not.toContain("range_seqs");
    expect(plan({ since, until, afterSeq: 2n })).not.toContain("range_seqs");
  });

  it("answers the API's since/until as before, page by page, and as the screen's created: range", async () => {
    const expected = await seqsInRange(since, until);
    expect(expected).toHaveLength(4);
    expect(await apiSeqs(`since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`)).toEqual(expected);
    expect(await apiSeqs(`q=${encodeURIComponent("created:2026-03-01..2026-03-04")}`)).toEqual(expected);
    const filtered = await apiSeqs(
      `since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}&action=custom.invoice.*`,
    );
    expect(filtered).toEqual(
      (
        await db.auditEntry.findMany({
          where: {
            orgId: owner.org.id,
            action: "custom.invoice.paid",
            occurredAt: { gte: new Date(since), lt: new Date(until) },
          },
          orderBy: { seq: "desc" },
        })
      ).map((row) => String(row.seq)),
    );
  });

  it("serves the screen and the API the same page for the same search", async () => {
    const q = "created:2026-03-01..2026-03-04 action:custom.payout.*";
    const screen = await searchScreen(
      requestWith(`/api/orgs/${owner.org.slug}/audit-entries?q=${encodeURIComponent(q)}&limit=50`, { cookie }),
      params({ orgSlug: owner.org.slug }),
    );
    const api = await callApi(getAuditEvents, "/audit-events", { key, query: `?q=${encodeURIComponent(q)}` });
    const direct = await searchAuditEntries(db, { orgId: owner.org.id, q, limit: 50 });
    expect((await screen.json()).entries).toEqual(direct.entries);
    expect(api.body.data).toEqual(direct.entries);
  });

  it("gives the dashboard the newest entries, as its own reader did", async () => {
    const { entries } = await searchAuditEntries(db, { orgId: owner.org.id, q: "", limit: 5 });
    const newest = await db.auditEntry.findMany({ where: { orgId: owner.org.id }, orderBy: { seq: "desc" }, take: 5 });
    expect(entries.map((entry) => entry.seq)).toEqual(newest.map((row) => String(row.seq)));
  });

  it.each(["app/[orgSlug]/page.tsx", "app/api/orgs/[orgSlug]/audit-entries/route.ts", "lib/rest/audit-events.ts"])(
    "%s reads the trail through searchAuditEntries",
    (file) => {
      const source = readFileSync(path.resolve(__dirname, "../..", file), "utf8");
      expect(source).toMatch(
        /import \{[^}]*\bsearchAuditEntries\b[^}]*\} from "@\/lib\/audit\/search\/search-audit-entries"/,
      );
      expect(source).not.toMatch(/\$queryRaw|auditEntry\.findMany/);
    },
  );
});

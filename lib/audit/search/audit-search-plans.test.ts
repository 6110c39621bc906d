import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { isPostgres, testDb } from "@/lib/testing/database";
import { asSuperuser } from "@/lib/testing/audit-tampering";
import { createOwner } from "@/lib/testing/factories";
import type { TAuditFilters } from "./audit-filters";
import { forgetFreeTextSample, freeTextIndex, WHOLE_PHRASE_INDEX, type FreeTextIndex } from "./free-text-index";
import { searchAuditEntriesSql } from "./search-audit-entries";

/**
 * The audit screen's filtered pages are served by indexes (migrations audit_search_indexes and
 * audit_search_text): no plan reads the whole audit table. PostgreSQL only: PGlite has no pg_trgm
 * (free text reads the organization's entries there) and its planner statistics are not what
 * production sees.
 */
const ENTRIES_PER_ORG = 10_000;

let db: Db;
let orgId: string;
/** Which parts of a phrase the index looks up, from the statistics ANALYZE gathered below. */
let freeText: FreeTextIndex;

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
};
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** Entries with the spread of a real trail: many actors and targets, a year of days, mostly successes. */
async function seed(org: string, salt: number) {
  // Rows for the planner, not a chain: written as a superuser would, past the chain head's rules.
  await asSuperuser(db, () => seedRows(org, salt));
}

async function seedRows(org: string, salt: number) {
  await db.$executeRawUnsafe(
    `INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, actor_id, actor_display,
                                target_type, target_id, target_display, outcome, ip, user_agent, geo, request_id, metadata,
                                content_hash, prev_hash, hash)
     SELECT gen_random_uuid(), $1::uuid, 1000 + n, timestamptz '2026-01-01' + (n * interval '31 minutes'),
            (ARRAY['authentication','access','api_keys','webhooks','billing','audit','custom'])[1 + (n % 7)],
            (ARRAY['user.signed_in','member.invited','member.role_changed','api_key.created','webhook.created',
                   'billing.plan_changed','audit.exported','custom.payout.approved','custom.invoice.paid','access.denied']
            )[1 + ((n * 7 + $2) % 10)],
            CASE WHEN n % 9 = 0 THEN 'api_key' ELSE 'user' END, 'actor-' || (n % 300),
            CASE WHEN n % 9 = 0 THEN 'Deploy key (vk_live_' || lpad((n % 40)::text, 4, 'k') || ')'
                 ELSE 'user' || (n % 300) || '@example.com' END,
            'record', 'target-' || (n % 500), 'Record ' || (n % 500),
            CASE WHEN n % 23 = 0 THEN 'failure' WHEN n % 37 = 0 THEN 'denied' ELSE 'success' END,
            '203.0.113.' || (n % 250), 'bench',
            jsonb_build_object('country', (ARRAY['GB','US','DE','FR','NL','SE','JP','BR','IN','CA'])[1 + (n % 10)],
                               'region', null, 'city', null),
            'req-' || n, jsonb_build_object('note', 'payment batch ' || (n % 1000), 'amount', n % 977),
            repeat('0', 64), repeat('0', 64), repeat('0', 64)
       FROM generate_series(1, $3) AS n`,
    org,
    salt,
    ENTRIES_PER_ORG,
  );
}

beforeAll(async () => {
  if (!isPostgres()) return;
  db = testDb();
  const [first, second] = [await createOwner(), await createOwner()];
  orgId = first.org.id;
  await seed(first.org.id, 0);
  await seed(second.org.id, 3);
  await db.$executeRawUnsafe("ANALYZE audit_entries");
  forgetFreeTextSample();
  freeText = await freeTextIndex(db);
}, 180_000);

const PAGES: [string, string][] = [
  ["the latest page", ""],
  ["an action", "action:member.invited"],
  ["an action prefix", "action:member.*"],
  ["an actor by email", "actor:USER42@example.com"],
  ["an actor by id", "actor:actor-42"],
  ["a target", "target:target-7"],
  ["an outcome", "outcome:denied"],
  ["a date range", "created:2026-03-01..2026-03-07"],
  ["a country", "country:jp"],
  ["free text", '"payment batch 417"'],
  ["free text with a word on every entry", '"Record 417"'],
  ["free text of one word", "payment"],
  ["an API key prefix", "actor:vk_live_kk17"],
  ["a category", "category:billing"],
  ["several filters", "category:access outcome:failure created:>=2026-02-01"],
];

describe.skipIf(!isPostgres())("audit search plans on PostgreSQL", () => {
  // The newest page, an older one, a newer one; each read with one row to spare (is there more?) and
  // as the one-row look past the cursor that tells whether the other way has entries.
  const CURSORS = [{}, { beforeSeq: 5000n }, { afterSeq: 5000n }];
  it.each(PAGES)("reads %s through an index, never a sequential scan of audit_entries", async (_, q) => {
    for (const cursor of CURSORS) {
      for (const limit of [51, 1]) {
        const query = searchAuditEntriesSql({ orgId, q, limit, ...cursor }, freeText);
        const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
          `EXPLAIN (FORMAT JSON) ${query.text}`,
          ...query.values,
        );
        const nodes = nodesOf(row["QUERY PLAN"][0].Plan);
        const scans = nodes
          .filter((node) => node["Relation Name"] === "audit_entries")
          .map((node) => node["Node Type"]);
        const label = `${q} ${JSON.stringify(cursor, (_key, value) => (typeof value === "bigint" ? String(value) : value))} limit ${limit}`;
        expect(scans.length, `${label}: ${JSON.stringify(scans)}`).toBeGreaterThan(0);
        expect(scans, label).not.toContain("Seq Scan");
      }
    }
  });
});

/** The API's structured filters, ANDed with q: since/until take the same date-range plan as created:. */
const FILTERED: [string, TAuditFilters & { q?: string }][] = [
  ["a date range as since/until", { since: "2026-03-01T00:00:00Z", until: "2026-03-07T00:00:00+00:00" }],
  [
    "since/until with a category",
    { since: "2026-03-01T00:00:00Z", until: "2026-03-07T00:00:00Z", category: "billing" },
  ],
  ["since with q's created: end", { since: "2026-03-01T00:00:00Z", q: "created:<2026-03-07" }],
];

describe.skipIf(!isPostgres())("audit search plans with the API's filters on PostgreSQL", () => {
  it.each(FILTERED)("reads %s through an index, never a sequential scan of audit_entries", async (_, search) => {
    for (const cursor of [{}, { beforeSeq: 5000n }, { afterSeq: 5000n }]) {
      const query = searchAuditEntriesSql({ orgId, q: "", limit: 51, ...search, ...cursor }, freeText);
      const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
        `EXPLAIN (FORMAT JSON) ${query.text}`,
        ...query.values,
      );
      const scans = nodesOf(row["QUERY PLAN"][0].Plan).filter((node) => node["Relation Name"] === "audit_entries");
      expect(scans.length).toBeGreaterThan(0);
      expect(scans.map((node) => node["Node Type"])).not.toContain("Seq Scan");
    }
  });
});

describe.skipIf(!isPostgres())("free text on PostgreSQL", () => {
  it("has the index look up a rare piece of a phrase from the statistics, not the words on every entry", () => {
    // The lookup holds the rare piece, the number ("417", or " 417" with the space before it), not only words that
    // are on every entry, and not the whole phrase. Whether it is the number alone or joined with a rarer-together
    // piece ("%pay%417%") depends on the entries other test files append to the same table while this one runs
    // ANALYZE, so each is right here; the tests below check that every lookup finds the same entries.
    const { lookup, exact } = freeText("payment batch 417");
    expect(exact).toEqual("%payment batch 417%");
    for (const phrase of ["payment batch 417", "Record 417"]) {
      const chosen = freeText(phrase);
      expect(chosen.lookup).toContain("417");
      expect(chosen.lookup).not.toEqual(chosen.exact);
    }
    expect(lookup).toMatch(/417%$/);
  });

  it.each(['"payment batch 417"', '"Record 417"'])(
    "looks up %s in the organization's own postings of the search text index",
    async (q) => {
      const query = searchAuditEntriesSql({ orgId, q, limit: 51 }, freeText);
      const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
        `EXPLAIN (FORMAT JSON) ${query.text}`,
        ...query.values,
      );
      const lookup = nodesOf(row["QUERY PLAN"][0].Plan).find(
        (node) => node["Index Name"] === "audit_entries_search_text_trgm_idx",
      );
      expect(lookup?.["Index Cond"]).toMatch(/org_id = /);
    },
  );

  it.each([
    '"payment batch 417"',
    '"Record 417"',
    '"batch 41"',
    "payment",
    '"user42@example.com"',
    "actor:vk_live_kk17",
    '-"batch 417"',
  ])("finds for %s exactly what the whole phrase finds", async (q) => {
    const seqsWith = async (index: FreeTextIndex) => {
      const query = searchAuditEntriesSql({ orgId, q, limit: 10_000 }, index);
      return (await db.$queryRawUnsafe<{ seq: bigint }[]>(query.text, ...query.values)).map((row) => row.seq);
    };
    const whole = await seqsWith(WHOLE_PHRASE_INDEX);
    expect(whole.length).toBeGreaterThan(0);
    expect(await seqsWith(freeText)).toEqual(whole);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { queryTextRows, type Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";
import { canonicalBytes, type EntryContent } from "./entry-content";
import { CANONICAL_PARTS, canonicalJsonOf, canonicalTextOfRow, verifyChain, type VerifiedRow } from "./verify-chain";

/** Strings that exercise JSON escaping: quotes, backslashes, control characters, non-ASCII, astral. */
const AWKWARD = [
  "",
  "plain",
  'say "hi"',
  "back\\slash",
  "tab\there\nnew\u0000nul\u001f\u007f",
  "é ü ß",
  "日本語",
  "😀 pair",
  "\u2028\u2029",
  "</script>",
];

function pick<T>(values: readonly T[], n: number): T {
  return values[n % values.length];
}

/** Awkward content; PostgreSQL text cannot hold NUL, so the database's samples carry U+0001 instead. */
function sample(n: number): EntryContent {
  const maybe = (k: number) => (k % 3 === 0 ? null : pick(AWKWARD, n + k).replace(/\u0000/g, "\u0001"));
  const geo = n % 5 === 0 ? null : { country: pick(["GB", null], n), region: maybe(7), city: maybe(11) ?? "Zürich" };
  const metadata = pick<Record<string, unknown>>(
    [
      {},
      { b: 1, a: [1.5, -0, 1e21, 1e-7, "x"], é: { z: null, y: true } },
      { "": maybe(1) ?? "", n: 12345678901234 },
      { nested: { deeper: [{ q: '"' }] } },
      { "😀": 1, "\uE000": 2, b: 3, B: 4 },
    ],
    n,
  );
  return {
    id: crypto.randomUUID(),
    orgId: "00000000-0000-4000-8000-000000000001",
    occurredAt: pick(
      [
        "2026-11-25T13:28:18.123456Z",
        "2026-01-02T03:04:05.000000Z",
        "1999-12-31T23:59:59.999999Z",
        "2026-11-25T13:28:18.100000Z",
      ],
      n,
    ),
    category: pick(["custom", "access"], n),
    action: `custom.${pick(AWKWARD, n).replace(/\u0000/g, "\u0001")}`,
    actor: { type: pick(["user", "api_key", "system"] as const, n), id: maybe(1), display: maybe(2) },
    target: n % 4 === 0 ? null : { type: maybe(3) ?? "invoice", id: maybe(4), display: maybe(5) },
    outcome: pick(["success", "failure", "denied"] as const, n),
    ip: maybe(6),
    userAgent: maybe(8),
    geo,
    requestId: maybe(9),
    metadata,
  };
}

describe("the canonical text verifyChain reads", () => {
  it("is byte for byte canonicalBytes (RFC 8785) of the same content, as PostgreSQL builds its parts", async () => {
    const contents = Array.from({ length: 2000 }, (_, n) => sample(n));
    const records = contents.map((content, ord) => ({
      ord,
      id: content.id,
      org_id: content.orgId,
      occurred_at: content.occurredAt,
      category: content.category,
      action: content.action,
      actor_type: content.actor.type,
      actor_id: content.actor.id,
      actor_display: content.actor.display,
      target_type: content.target?.type ?? null,
      target_id: content.target?.id ?? null,
      target_display: content.target?.display ?? null,
      outcome: content.outcome,
      ip: content.ip,
      user_agent: content.userAgent,
      geo: content.geo,
      request_id: content.requestId,
      metadata: content.metadata,
    }));
    const rows = await queryTextRows(
      testDb(),
      Prisma.sql`
        SELECT ord::text, ${CANONICAL_PARTS}, '', '', ''
          FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS audit_entries(
                 id uuid, org_id uuid, occurred_at timestamptz, category text, action text, actor_type text, actor_id text,
                 actor_display text, target_type text, target_id text, target_display text, outcome text, ip text, user_agent text,
                 geo jsonb, request_id text, metadata jsonb, ord int)
         ORDER BY audit_entries.ord`,
    );
    expect(rows).toHaveLength(contents.length);
    rows.forEach((row, n) => {
      expect(canonicalTextOfRow(row as VerifiedRow), `sample ${n}`).toBe(canonicalBytes(contents[n]).toString("utf8"));
    });
  });

  it("writes every string as JSON.stringify does, whatever it holds", async () => {
    const strings = [
      ...AWKWARD.map((value) => value.replace(/\u0000/g, "")),
      ...Array.from({ length: 0x7f }, (_, code) => String.fromCharCode(code + 1)),
      "\u00a0\u2028\ufeff\uffff",
      "𝄞",
    ];
    const rows = await queryTextRows(
      testDb(),
      Prisma.sql`SELECT to_json(value)::text FROM unnest(${strings}::text[]) WITH ORDINALITY AS s(value, ord) ORDER BY ord`,
    );
    expect(rows.map(([text]) => text)).toEqual(strings.map((value) => JSON.stringify(value)));
  });
});

describe("verifyChain across pages", () => {
  let db: Db;
  beforeAll(() => {
    db = testDb();
  });

  it("checks every entry and reports progress per page", async () => {
    const { org } = await createOwner();
    await appendEvents(db, org.id, 9); // 11 entries with the sign-up's two
    const progress: number[] = [];
    const result = await verifyChain({
      db,
      orgId: org.id,
      batchSize: 3,
      onProgress: (checked, total) => progress.push(checked, total),
    });
    expect(result).toMatchObject({ ok: true, checked: 11, headSeq: 11n, firstBad: null });
    expect(progress).toEqual([3, 11, 6, 11, 9, 11, 11, 11]);
  });

  it("finds a changed entry on a later page", async () => {
    const { org } = await createOwner();
    await appendEvents(db, org.id, 9);
    await db.$executeRawUnsafe(`ALTER TABLE audit_entries DISABLE TRIGGER USER`);
    try {
      await db.$executeRaw`UPDATE audit_entries SET actor_display = 'someone else' WHERE org_id = ${org.id}::uuid AND seq = 8`;
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE audit_entries ENABLE TRIGGER USER`);
    }
    const result = await verifyChain({ db, orgId: org.id, batchSize: 3 });
    expect(result).toMatchObject({ ok: false, checked: 7, firstBad: { seq: 8n, kind: "content" } });
  });
});

describe("canonicalJsonOf", () => {
  it("is canonicalize for every kind of value JSON can hold", async () => {
    const { default: canonicalize } = await import("canonicalize");
    const values: unknown[] = [
      null,
      true,
      false,
      0,
      -0,
      1,
      -1.5,
      1e21,
      1e-7,
      123456789012345680000,
      0.1 + 0.2,
      2 ** 53,
      "",
      'é😀\u2028"\\\n\u0001',
      [],
      {},
      [1, [2, [3, {}]]],
      { b: 1, a: 2, A: 3, "": 4, "10": 5, "2": 6, é: 7, "😀": 8, "\u0080": 9 },
      { nested: { z: [null, { y: "x", x: [true, false] }], a: -0 } },
    ];
    for (const value of values) {
      const parsed = JSON.parse(JSON.stringify(value)) as unknown;
      expect(canonicalJsonOf(parsed)).toBe(canonicalize(parsed));
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { appendEvents, createOwner } from "@/lib/testing/factories";
import { canonicalBytes, type EntryContent } from "./entry-content";
import { canonicalJsonOf, canonicalTextOfRow, microsOfJsonTimestamp, verifyChain, type VerifiedRow } from "./verify-chain";

/** Strings that exercise JSON escaping: quotes, backslashes, control characters, non-ASCII, astral. */
const AWKWARD = ["", "plain", 'say "hi"', "back\\slash", "tab\there\nnew\u0000nul\u001f\u007f", "é ü ß", "日本語", "😀 pair", "\u2028\u2029", "</script>"];

function pick<T>(values: readonly T[], n: number): T {
  return values[n % values.length];
}

/** The same content in both shapes: as verifyChain reads it and as the append path hashes it. */
function sample(n: number): { row: VerifiedRow; content: EntryContent } {
  const maybe = (k: number) => (k % 3 === 0 ? null : pick(AWKWARD, n + k));
  const hasTarget = n % 4 !== 0;
  const geo = n % 5 === 0 ? null : { country: pick(["GB", null], n), region: maybe(7), city: pick(AWKWARD, n + 1) };
  const metadata = pick<Record<string, unknown>>(
    [{}, { b: 1, a: [1.5, -0, 1e21, 1e-7, "x"], "é": { z: null, y: true } }, { "": pick(AWKWARD, n), n: 12345678901234 }, { nested: { deeper: [{ q: "\"" }] } }],
    n,
  );
  const content: EntryContent = {
    id: crypto.randomUUID(),
    orgId: "00000000-0000-4000-8000-000000000001",
    occurredAt: "2026-11-25T13:28:18.123456Z",
    category: pick(["custom", "access"], n),
    action: `custom.${pick(AWKWARD, n)}`,
    actor: { type: pick(["user", "api_key", "system"] as const, n), id: maybe(1), display: maybe(2) },
    target: hasTarget ? { type: pick(AWKWARD, n + 3), id: maybe(4), display: maybe(5) } : null,
    outcome: pick(["success", "failure", "denied"] as const, n),
    ip: maybe(6),
    userAgent: maybe(8),
    geo,
    requestId: maybe(9),
    metadata,
  };
  const row: VerifiedRow = [
    String(n + 1),
    content.id,
    content.occurredAt,
    content.category,
    content.action,
    content.actor.type,
    content.actor.id,
    content.actor.display,
    content.target?.type ?? null,
    content.target?.id ?? null,
    content.target?.display ?? null,
    content.outcome,
    content.ip,
    content.userAgent,
    geo,
    content.requestId,
    metadata,
    "",
    "",
    "",
  ];
  return { row, content };
}

describe("the canonical text verifyChain builds", () => {
  it("is byte for byte canonicalBytes (RFC 8785) of the same content", () => {
    for (let n = 0; n < 2000; n++) {
      const { row, content } = sample(n);
      expect(Buffer.from(canonicalTextOfRow(content.orgId, row), "utf8").equals(canonicalBytes(content)), `sample ${n}`).toBe(true);
    }
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
    const result = await verifyChain({ db, orgId: org.id, batchSize: 3, onProgress: (checked, total) => progress.push(checked, total) });
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

describe("occurred_at as PostgreSQL writes it in JSON", () => {
  it("becomes the stored form the hash covers, to the microsecond", () => {
    expect(microsOfJsonTimestamp("2026-11-25T13:28:18.123456")).toBe("2026-11-25T13:28:18.123456Z");
    expect(microsOfJsonTimestamp("2026-11-25T13:28:18.12")).toBe("2026-11-25T13:28:18.120000Z");
    expect(microsOfJsonTimestamp("2026-11-25T13:28:18.000001")).toBe("2026-11-25T13:28:18.000001Z");
    expect(microsOfJsonTimestamp("2026-11-25T13:28:18")).toBe("2026-11-25T13:28:18.000000Z");
  });
});

describe("canonicalJsonOf", () => {
  it("is canonicalize for every kind of value JSON can hold", async () => {
    const { default: canonicalize } = await import("canonicalize");
    const values: unknown[] = [
      null, true, false, 0, -0, 1, -1.5, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2, 2 ** 53, "", "é😀\u2028\"\\\n\u0001",
      [], {}, [1, [2, [3, {}]]], { b: 1, a: 2, A: 3, "": 4, "10": 5, "2": 6, "é": 7, "😀": 8, "\u0080": 9 },
      { nested: { z: [null, { y: "x", x: [true, false] }], a: -0 } },
    ];
    for (const value of values) {
      const parsed = JSON.parse(JSON.stringify(value)) as unknown;
      expect(canonicalJsonOf(parsed)).toBe(canonicalize(parsed));
    }
  });
});

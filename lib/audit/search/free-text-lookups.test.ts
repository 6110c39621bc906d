import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry } from "../append-audit-entry";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import {
  freeTextIndexOf,
  freeTextSql,
  lookupPattern,
  phrasePieces,
  sampled,
  SEARCH_TEXT,
  type FreeTextIndex,
} from "./free-text-index";

/**
 * Whatever pieces the index looks up for a phrase, every entry the phrase is on holds them: the
 * lookup may hand on too much (the exact test drops it), never too little. Checked by PostgreSQL's
 * own ILIKE, for phrases cut at random from stored search texts full of LIKE's pattern characters,
 * mixed case, signs and letters outside ASCII.
 */

const AWKWARD = [
  "50% off_road",
  "C:\\Users\\Ada",
  "Zoë Ünal-İnce",
  "user_42@Example.COM",
  "ÆØÅ 北京 🎉 x",
  "a.b.c-d e/f",
  "100 % sure",
  "Invoice 4242",
];

let db: Db;
let orgId: string;
let texts: string[];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  db = testDb();
  orgId = (await createOwner()).org.id;
  for (const [i, text] of AWKWARD.entries()) {
    await db.$transaction((tx) =>
      appendAuditEntry(tx, {
        orgId,
        action: "custom.record.noted",
        actor: { type: "user", id: `u-${i}`, display: AWKWARD[(i + 3) % AWKWARD.length] },
        target: { type: "record", id: `r-${i}`, display: text },
        metadata: { note: `${text} ${AWKWARD[(i + 5) % AWKWARD.length]}`, n: i * 1001 },
      }),
    );
  }
  texts = (
    await db.$queryRaw<
      { text: string }[]
    >`SELECT ${SEARCH_TEXT} AS text FROM audit_entries WHERE org_id = ${orgId}::uuid`
  ).map((row) => row.text);
});

async function missed(index: FreeTextIndex, phrase: string) {
  // The lookups alone, as the search writes them; the exact pattern, as the index was never asked.
  const lookups = freeTextSql(phrase, index, { tested: false });
  const [row] = await db.$queryRaw<{ matching: number; missed: number }[]>`
    SELECT count(*)::int AS matching, count(*) FILTER (WHERE NOT (${lookups}))::int AS missed
      FROM audit_entries WHERE org_id = ${orgId}::uuid AND (${SEARCH_TEXT} || '') ILIKE ${index(phrase).exact}`;
  return row;
}

describe("the pieces the index looks up", () => {
  it("are on every entry the phrase is on, for phrases cut at random from stored texts", async () => {
    const next = random(4242);
    let checked = 0;
    // Every piece looks rare, so lookups take as many pieces as they may.
    const index = freeTextIndexOf(texts.map((text) => sampled(text, 0.0001)));
    for (let i = 0; i < 400; i++) {
      const text = Array.from(texts[Math.floor(next() * texts.length)]);
      const start = Math.floor(next() * text.length);
      const cut = text.slice(start, start + 2 + Math.floor(next() * 16));
      if (cut.some((char) => char.charCodeAt(0) < 0x20)) continue; // across fields: the search refuses those
      // ASCII letters change case at random (what ILIKE folds in every locale).
      const phrase = cut
        .map((char) =>
          /[a-z]/i.test(char) && next() < 0.5
            ? char === char.toLowerCase()
              ? char.toUpperCase()
              : char.toLowerCase()
            : char,
        )
        .join("");
      if (phrase.length === 0) continue;
      const { matching, missed: lost } = await missed(index, phrase);
      expect(matching, JSON.stringify(phrase)).toBeGreaterThan(0);
      expect(lost, `${JSON.stringify(phrase)} looked up as ${JSON.stringify(index(phrase).lookup)}`).toBe(0);
      // And any few of its pieces, in one pattern, as the choice might combine them.
      const pieces = phrasePieces(phrase)
        .filter(() => next() < 0.5)
        .slice(0, 4);
      const combined: FreeTextIndex = (text) => ({ lookup: lookupPattern(text, pieces), exact: index(text).exact });
      if (pieces.length > 0)
        expect((await missed(combined, phrase)).missed, `${JSON.stringify(phrase)} as ${combined(phrase).lookup}`).toBe(
          0,
        );
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});

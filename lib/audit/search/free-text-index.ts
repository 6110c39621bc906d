import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";
import { escapeLike } from "./like-pattern";

/**
 * Free text is a case-insensitive substring of an entry's search text (migration
 * audit_search_text_shown_columns: action, actor and target display names and ids, IP, city, country and
 * metadata: what the audit table shows), which a trigram index serves. Such an index finds the entries
 * holding every trigram of the pattern, and each trigram costs a walk through its posting list: for
 * "Invoice 4242", the trigrams of "invoice" are on most entries of a billing trail, and walking them
 * costs more than the whole page should. Yet any piece of a phrase is on every entry the phrase is
 * on, so the index can look up just a few rare pieces ("424", "242", " 42") and an exact test of the
 * whole phrase then keeps the entries it is really on. Which trigrams are rare comes from
 * PostgreSQL's statistics of the search text: a sample of its values, kept by ANALYZE (autovacuum).
 */

/** The expression the trigram index is built on; a query must spell it the same way to use it. */
export const SEARCH_TEXT = Prisma.sql`audit_entry_search_text(action, actor_display, actor_id, target_display, target_id, ip,
  geo, metadata)`;
const SEARCH_TEXT_INDEX = "audit_entries_search_text_trgm_idx";

/** At most this many pieces in one lookup, chosen from the CANDIDATE_PIECES rarest on their own. */
const MAX_PIECES = 4;
const CANDIDATE_PIECES = 12;
/**
 * A phrase on at least this share of entries fills a page from the newest few thousand entries
 * (50 / 1%), sooner than any lookup hands on its candidates: it is only tested, not looked up.
 */
const COMMON_PHRASE = 0.01;
/**
 * What walking one entry's place in a trigram's posting list costs, against reading one candidate
 * entry and testing it: a posting list is compressed item pointers read page by page, a candidate
 * is a heap row whose search text is built and matched (on bench/audit-query.ts's data, ~2 ns
 * against 2.5–6 µs; rounded up, to be wary of common trigrams).
 */
const POSTING_COST = 0.001;

/** A sample of search texts (lower-cased) with the share of entries each stands for, and the trigrams pg_trgm makes of each. */
export type SearchTextSample = { text: string; trigrams: Set<string>; share: number }[];

/** A sampled search text. */
export const sampled = (text: string, share: number) => ({
  text: text.toLowerCase(),
  trigrams: trigramsOf(text),
  share,
});

/** The LIKE pattern the index looks up for a phrase (null: the phrase is only tested), and the exact pattern of the phrase. */
export type FreeTextIndex = (phrase: string) => { lookup: string | null; exact: string };

/** Without statistics: the whole phrase, as the index would be asked without this module. */
export const WHOLE_PHRASE_INDEX: FreeTextIndex = (phrase) => {
  const exact = containing(phrase);
  return { lookup: exact, exact };
};

const containing = (text: string) => `%${escapeLike(text)}%`;

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD_CHARS = /^[A-Za-z0-9]+$/;
/** Letters and digits in every locale, and the ASCII characters between words in every locale. */
const isAsciiWord = (text: string) => ASCII_WORD_CHARS.test(text);
const isAsciiBetween = (char: string | undefined) =>
  char !== undefined && char.charCodeAt(0) < 0x80 && !isAsciiWord(char);

/** pg_trgm's trigrams of a text: each word (letters and digits) lower-cased, padded with two spaces before and one after. */
export function trigramsOf(text: string): Set<string> {
  const trigrams = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(""));
  }
  return trigrams;
}

/** A substring of a phrase (from start to end), with the trigrams pg_trgm looks up for it. */
export type Piece = { text: string; start: number; end: number; trigrams: string[] };

/**
 * The pieces of a phrase the index can look up on their own: three letters or digits inside a word
 * ("424": that one trigram), a word's start after a space or sign (" 42": "  4" and " 42"), and its
 * end before one ("42@": "42 "). Only ASCII letters and digits, which pg_trgm takes for letters and
 * digits in every locale: a pattern that makes no trigram would have the index read every entry.
 */
export function phrasePieces(phrase: string): Piece[] {
  const pieces = new Map<string, Piece>();
  const add = (start: number, end: number, trigrams: string[]) => {
    const text = phrase.slice(start, end);
    if (!pieces.has(text)) pieces.set(text, { text, start, end, trigrams });
  };
  for (const match of phrase.matchAll(WORD)) {
    const [word, at] = [match[0], match.index];
    for (let i = 0; i + 3 <= word.length; i++) {
      const inner = word.slice(i, i + 3);
      if (isAsciiWord(inner)) add(at + i, at + i + 3, [inner.toLowerCase()]);
    }
    if (word.length < 2) continue;
    const [first, last] = [word.slice(0, 2).toLowerCase(), word.slice(-2).toLowerCase()];
    if (isAsciiBetween(phrase[at - 1]) && isAsciiWord(first)) add(at - 1, at + 2, [`  ${first[0]}`, ` ${first}`]);
    if (isAsciiBetween(phrase[at + word.length]) && isAsciiWord(last))
      add(at + word.length - 2, at + word.length + 1, [`${last} `]);
  }
  return [...pieces.values()];
}

/** The share of entries holding every trigram of the pieces (what the index would hand on), by the sample. */
export function shareOf(sample: SearchTextSample, pieces: Piece[]): number {
  const trigrams = pieces.flatMap((piece) => piece.trigrams);
  let share = 0;
  for (const text of sample) if (trigrams.every((trigram) => text.trigrams.has(trigram))) share += text.share;
  return share;
}

/**
 * One LIKE pattern with the pieces in the phrase's order ("%r42@%example%"): the index looks up
 * their trigrams, and each candidate entry is tested against one pattern, not one per piece.
 * Overlapping pieces become one ("424" and "242" of "4242"), which adds no trigram; pieces that
 * only touch stay apart, where joining them would.
 */
export function lookupPattern(phrase: string, pieces: Piece[]): string {
  const spans: { start: number; end: number }[] = [];
  for (const { start, end } of [...pieces].sort((a, b) => a.start - b.start)) {
    const last = spans.at(-1);
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end });
  }
  return `%${spans.map(({ start, end }) => escapeLike(phrase.slice(start, end))).join("%")}%`;
}

/**
 * The pattern the index looks up for a phrase, given a sample of search texts (null: none yet).
 * A common phrase (COMMON_PHRASE) is only tested: the planner then reads the organization's
 * entries newest first. Otherwise a lookup costs its candidates (the share of entries holding all
 * its trigrams) plus, for each of its trigrams, a walk through that trigram's posting list
 * (POSTING_COST per entry on it); pieces are added one at a time, each time the one that lowers
 * that cost most, while one does. Answers are remembered per phrase: a page reads twice.
 */
export function freeTextIndexOf(sample: SearchTextSample | null): FreeTextIndex {
  if (sample === null || sample.length === 0) return WHOLE_PHRASE_INDEX;
  const answers = new Map<string, ReturnType<FreeTextIndex>>();
  const textShareOf = (phrase: string) => {
    const needle = phrase.toLowerCase();
    return sample.reduce((share, text) => (text.text.includes(needle) ? share + text.share : share), 0);
  };
  const trigramShares = new Map<string, number>();
  const trigramShare = (trigram: string) => {
    if (!trigramShares.has(trigram))
      trigramShares.set(trigram, shareOf(sample, [{ text: trigram, start: 0, end: 0, trigrams: [trigram] }]));
    return trigramShares.get(trigram)!;
  };
  const costOf = (pieces: Piece[]) =>
    shareOf(sample, pieces) +
    POSTING_COST *
      [...new Set(pieces.flatMap((piece) => piece.trigrams))].reduce((sum, trigram) => sum + trigramShare(trigram), 0);
  const choose = (phrase: string): ReturnType<FreeTextIndex> => {
    if (textShareOf(phrase) >= COMMON_PHRASE) return { lookup: null, exact: containing(phrase) };
    const pieces = phrasePieces(phrase)
      .map((piece) => ({ piece, share: shareOf(sample, [piece]) }))
      .sort((a, b) => a.share - b.share)
      .slice(0, CANDIDATE_PIECES)
      .map(({ piece }) => piece);
    if (pieces.length === 0) return WHOLE_PHRASE_INDEX(phrase);
    const chosen: Piece[] = [];
    let cost = Infinity;
    while (chosen.length < MAX_PIECES) {
      const best = pieces
        .filter((piece) => !chosen.includes(piece))
        .map((piece) => ({ piece, cost: costOf([...chosen, piece]) }))
        .reduce<{ piece: Piece; cost: number } | null>(
          (min, next) => (min === null || next.cost < min.cost ? next : min),
          null,
        );
      if (best === null || best.cost >= cost) break;
      chosen.push(best.piece);
      cost = best.cost;
    }
    return { lookup: lookupPattern(phrase, chosen), exact: containing(phrase) };
  };
  return (phrase) => {
    if (!answers.has(phrase)) {
      if (answers.size >= 1000) answers.clear();
      answers.set(phrase, choose(phrase));
    }
    return answers.get(phrase)!;
  };
}

/**
 * `SEARCH_TEXT ILIKE …` for the pattern the index looks up, and the exact test of the phrase where
 * that is not the pattern itself: `SEARCH_TEXT || ''` is another expression than the indexed one (with
 * statistics of its own, for the planner's estimate), so the planner keeps it as a filter on the
 * entries the index found instead of asking the index for it too. `tested: false` leaves the exact
 * test to the caller (an API key prefix is tested against the actor alone).
 */
export function freeTextSql(phrase: string, index: FreeTextIndex, { tested = true } = {}): Prisma.Sql {
  const { lookup, exact } = index(phrase);
  const conditions = lookup === null ? [] : [Prisma.sql`${SEARCH_TEXT} ILIKE ${lookup}`];
  if (tested && lookup !== exact) conditions.push(Prisma.sql`(${SEARCH_TEXT} || '') ILIKE ${exact}`);
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.sql`(${Prisma.join(conditions, " AND ")})`;
}

// ---------------------------------------------------------------------------------------------------
// The sample, from pg_stats, read again every few minutes: reading it costs a few milliseconds, and
// what a trail is made of changes slowly. It only steers which parts the index looks up; results
// are the exact test's either way.

const SAMPLE_MAX_AGE_MS = 10 * 60_000;

type Cached = { index: FreeTextIndex; readAt: number };
const globalForSample = globalThis as unknown as { verityFreeTextSample?: Cached };

/** Most common values with their frequencies, and histogram values each standing for an equal share of the rest. */
async function readSample(db: Db | Tx): Promise<SearchTextSample | null> {
  const rows = await db.$queryRaw<
    { common: string[] | null; commonShares: number[] | null; spread: string[] | null; nullShare: number }[]
  >`
    SELECT most_common_vals::text::text[] AS common, most_common_freqs AS "commonShares",
           histogram_bounds::text::text[] AS spread, null_frac AS "nullShare"
      FROM pg_stats
     WHERE schemaname = current_schema() AND tablename = ${SEARCH_TEXT_INDEX}`;
  if (rows.length === 0) return null;
  const { common, commonShares, spread, nullShare } = rows[0];
  const commonValues = (common ?? []).map((text, i) => sampled(text, commonShares?.[i] ?? 0));
  const commonTotal = commonValues.reduce((total, value) => total + value.share, 0);
  const rest = spread ?? [];
  const eachOfRest = rest.length === 0 ? 0 : Math.max(0, 1 - nullShare - commonTotal) / rest.length;
  return [...commonValues, ...rest.map((text) => sampled(text, eachOfRest))];
}

/** The FreeTextIndex for searches now, from the statistics read within the last ten minutes. */
export async function freeTextIndex(db: Db | Tx): Promise<FreeTextIndex> {
  const cached = globalForSample.verityFreeTextSample;
  if (cached && Date.now() - cached.readAt < SAMPLE_MAX_AGE_MS) return cached.index;
  const index = freeTextIndexOf(await readSample(db));
  globalForSample.verityFreeTextSample = { index, readAt: Date.now() };
  return index;
}

/** Forgets the sample, so the next search reads the statistics again (after ANALYZE in a test). */
export function forgetFreeTextSample(): void {
  delete globalForSample.verityFreeTextSample;
}

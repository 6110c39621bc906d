import "server-only";
import { Prisma, type Db, type Tx } from "@/lib/db";
import { escapeLike } from "./like-pattern";

/**
 * Free text is a case-insensitive substring of an entry's search text (migration audit_search_text:
 * action, actor, target and metadata), which a trigram index serves. Such an index finds the entries
 * holding every trigram of the pattern, and each trigram costs a walk through its posting list: for
 * "Invoice 4242", the trigrams of "invoice" are on most entries of a billing trail, and walking them
 * costs more than the whole page should. Yet any part of a phrase is on every entry the phrase is
 * on, so the index can look up just the rare parts (" 4242") and an exact test of the whole phrase
 * then keeps the entries it is really on. Which parts are rare comes from PostgreSQL's statistics of
 * the search text: a sample of its values, kept by ANALYZE (autovacuum).
 */

/** The expression the trigram index is built on; a query must spell it the same way to use it. */
export const SEARCH_TEXT = Prisma.sql`audit_search_text(action, actor_display, target_display, metadata)`;
const SEARCH_TEXT_INDEX = "audit_entries_search_text_trgm_idx";

/**
 * A part on at most this share of entries is worth its posting lists; the index looks up every such
 * part (each one narrows the candidates further, for little). With none that rare, it looks up the
 * rarest part alone, and the planner weighs that against reading the entries newest first.
 */
const RARE_SHARE = 0.02;

/** A sample of search texts (lower-cased), each with the share of entries it stands for. */
export type SearchTextSample = { text: string; share: number }[];

/** Which LIKE patterns the index looks up for a phrase. */
export type FreeTextIndex = (phrase: string) => { indexed: string[]; exact: string };

/** Without statistics: the whole phrase, as the index would be asked without this module. */
export const WHOLE_PHRASE_INDEX: FreeTextIndex = (phrase) => {
  const exact = containing(phrase);
  return { indexed: [exact], exact };
};

const containing = (text: string) => `%${escapeLike(text)}%`;

const WORD = /[\p{L}\p{N}]+/gu;
/** pg_trgm makes trigrams of letters and digits; ASCII ones are letters and digits in every locale. */
const HAS_TRIGRAM = /[A-Za-z0-9]{3}/;

/**
 * The words of a phrase, each with the character before and after it in the phrase (a space, a dot):
 * pg_trgm then also looks up the word's start or end (" 42" is rarer than "42"). Only words that make
 * trigrams in any locale: a pattern without one would make the index read every entry.
 */
export function phraseParts(phrase: string): string[] {
  const parts = [...phrase.matchAll(WORD)]
    .filter((match) => HAS_TRIGRAM.test(match[0]))
    .map((match) => phrase.slice(Math.max(0, match.index - 1), Math.min(phrase.length, match.index + match[0].length + 1)));
  return [...new Set(parts)];
}

/** The share of entries a part is on, by the sample: how many entries its posting lists lead to. */
export function shareOf(sample: SearchTextSample, part: string): number {
  const needle = part.toLowerCase();
  let share = 0;
  for (const value of sample) if (value.text.includes(needle)) share += value.share;
  return share;
}

/** The patterns the index looks up for a phrase, given a sample of search texts (null: none yet). */
export function freeTextIndexOf(sample: SearchTextSample | null): FreeTextIndex {
  if (sample === null || sample.length === 0) return WHOLE_PHRASE_INDEX;
  return (phrase) => {
    const parts = phraseParts(phrase);
    if (parts.length === 0 || (parts.length === 1 && parts[0] === phrase)) return WHOLE_PHRASE_INDEX(phrase);
    const rated = parts.map((part) => ({ part, share: shareOf(sample, part) }));
    const rare = rated.filter(({ share }) => share <= RARE_SHARE);
    const chosen = rare.length > 0 ? rare : [rated.reduce((rarest, next) => (next.share < rarest.share ? next : rarest))];
    return { indexed: chosen.map(({ part }) => containing(part)), exact: containing(phrase) };
  };
}

/**
 * `SEARCH_TEXT ILIKE …` for each pattern the index looks up, and the exact test of the phrase where
 * that is not one of them: `SEARCH_TEXT || ''` is another expression than the indexed one, so the
 * planner keeps it as a filter on the entries the index found instead of asking the index for it too.
 */
export function freeTextSql(phrase: string, index: FreeTextIndex): Prisma.Sql {
  const { indexed, exact } = index(phrase);
  const lookups = indexed.map((pattern) => Prisma.sql`${SEARCH_TEXT} ILIKE ${pattern}`);
  const conditions = indexed.includes(exact) ? lookups : [...lookups, Prisma.sql`(${SEARCH_TEXT} || '') ILIKE ${exact}`];
  return Prisma.sql`(${Prisma.join(conditions, " AND ")})`;
}

// ---------------------------------------------------------------------------------------------------
// The sample, from pg_stats, read again every few minutes: reading it costs a few milliseconds, and
// what a trail is made of changes slowly. It only steers which parts the index looks up; results
// are the exact test's either way.

const SAMPLE_MAX_AGE_MS = 10 * 60_000;

type Cached = { sample: SearchTextSample | null; readAt: number };
const globalForSample = globalThis as unknown as { verityFreeTextSample?: Cached };

/** Most common values with their frequencies, and histogram values each standing for an equal share of the rest. */
async function readSample(db: Db | Tx): Promise<SearchTextSample | null> {
  const rows = await db.$queryRaw<{ common: string[] | null; commonShares: number[] | null; spread: string[] | null; nullShare: number }[]>`
    SELECT most_common_vals::text::text[] AS common, most_common_freqs AS "commonShares",
           histogram_bounds::text::text[] AS spread, null_frac AS "nullShare"
      FROM pg_stats
     WHERE schemaname = current_schema() AND tablename = ${SEARCH_TEXT_INDEX}`;
  if (rows.length === 0) return null;
  const { common, commonShares, spread, nullShare } = rows[0];
  const commonValues = (common ?? []).map((text, i) => ({ text: text.toLowerCase(), share: commonShares?.[i] ?? 0 }));
  const commonTotal = commonValues.reduce((total, value) => total + value.share, 0);
  const rest = spread ?? [];
  const eachOfRest = rest.length === 0 ? 0 : Math.max(0, 1 - nullShare - commonTotal) / rest.length;
  return [...commonValues, ...rest.map((text) => ({ text: text.toLowerCase(), share: eachOfRest }))];
}

/** The FreeTextIndex for searches now, from the statistics read within the last ten minutes. */
export async function freeTextIndex(db: Db | Tx): Promise<FreeTextIndex> {
  const cached = globalForSample.verityFreeTextSample;
  if (cached && Date.now() - cached.readAt < SAMPLE_MAX_AGE_MS) return freeTextIndexOf(cached.sample);
  const sample = await readSample(db);
  globalForSample.verityFreeTextSample = { sample, readAt: Date.now() };
  return freeTextIndexOf(sample);
}

/** Forgets the sample, so the next search reads the statistics again (after ANALYZE in a test). */
export function forgetFreeTextSample(): void {
  delete globalForSample.verityFreeTextSample;
}

/**
 * The opt-out keywords (CTIA's standard set, with REVOKE and OPTOUT as the FCC's 2024 revocation rule names them):
 * the whole message, trimmed, in any case. "stop" opts out; "please stop texting me" is recorded as a reply only
 * (a person reads those: the keyword rule is deliberately exact, as carriers apply it).
 */
export const OPT_OUT_KEYWORDS = [
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "REVOKE",
  "OPTOUT",
] as const;

/** The keywords that ask to receive messages again after an opt-out (see opt-back-in.ts for when they may). */
export const OPT_IN_KEYWORDS = ["START", "UNSTOP"] as const;

export type ReplyKeyword = (typeof OPT_OUT_KEYWORDS)[number] | (typeof OPT_IN_KEYWORDS)[number];

/** The keyword a whole reply is, or null. */
export function replyKeywordOf(text: string): ReplyKeyword | null {
  const word = text.trim().toUpperCase();
  const known: readonly string[] = [...OPT_OUT_KEYWORDS, ...OPT_IN_KEYWORDS];
  return known.includes(word) ? (word as ReplyKeyword) : null;
}

export const isOptOutKeyword = (keyword: ReplyKeyword | null): boolean =>
  keyword !== null && (OPT_OUT_KEYWORDS as readonly string[]).includes(keyword);

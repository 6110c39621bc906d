import type { Token } from "./tokenize-words";
import { CARD_CONTEXT_WORDS, CVV_CONTEXT_WORDS, EXPIRY_CONTEXT_WORDS } from "./vocabulary";

export type ContextKind = "card" | "cvv" | "expiry";

const WITHIN_DIGIT_PHRASE = new Set(["back", "front", "code", "signature", "security", "cvv", "cvc"]);
const UNTIL = new Set(["thru", "through", "until", "till"]);

/** The word indexes where each kind of context is mentioned, with the phrase rules the word lists cannot express. */
export function contextWords(tokens: readonly Token[]): Record<ContextKind, number[]> {
  const out: Record<ContextKind, number[]> = { card: [], cvv: [], expiry: [] };
  tokens.forEach((token, i) => {
    const { text, word } = token;
    const ahead = tokens.slice(i + 1, i + 6).map((t) => t.text);
    if (CARD_CONTEXT_WORDS.has(text)) out.card.push(word);
    if (CVV_CONTEXT_WORDS.has(text)) {
      // "three digits on the back" is a CVV; "the last four digits of my phone" is not. "Social security" is an SSN.
      const digitWord = text === "digit" || text === "digits";
      const ok = digitWord ? ahead.some((t) => WITHIN_DIGIT_PHRASE.has(t)) : tokens[i - 1]?.text !== "social";
      if (ok) out.cvv.push(word);
    }
    if (text === "code" && (tokens[i - 1]?.text === "security" || tokens[i - 1]?.text === "verification"))
      out.cvv.push(word);
    if (EXPIRY_CONTEXT_WORDS.has(text)) {
      const needsUntil = text === "valid" || text === "good";
      if (!needsUntil || UNTIL.has(ahead[0] ?? "")) out.expiry.push(word);
    }
  });
  return out;
}

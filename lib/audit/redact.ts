import "server-only";
import { hasCardNetworkPrefix, passesLuhn } from "./card-networks";

/**
 * Scrubs secrets out of audit-event metadata before it is hashed into the
 * tamper-evident chain. Anything written there is permanent, so when in
 * doubt we redact.
 */
export const REDACTED = "[REDACTED]";

/** Deeper subtrees (and reference cycles) are replaced wholesale. */
const MAX_DEPTH = 20;

// Keys whose values are credentials, whatever the casing or punctuation ("X-Api-Key", "client_secret").
const SECRET_KEY_FRAGMENTS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "authorization",
  "cookie",
  "privatekey",
  "accesskey",
  "credential",
  "recoverycode",
  "signingkey",
  "clientsecret",
  "cardnumber",
  "creditcard",
];
// Short names matched exactly so that "footprint", "company" or "author" survive.
const SECRET_KEY_NAMES = new Set([
  "otp",
  "totp",
  "pin",
  "cvv",
  "cvv2",
  "cvc",
  "cvc2",
  "csc",
  "pan",
  "ssn",
  "auth",
  "jwt",
  "bearer",
]);
const EXPIRY_KEY = /^exp(iry|iration|ires)?(date|month|year|mm|yy|yyyy)?$/;

// Digit groups joined by single spaces or dashes: "4111 1111-1111 1111", "378282246310005".
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;
// CVV/CVC typed next to a card number in a support note: "cvv 123", "CVC: 1234", "security code 123".
const CARD_SECURITY_CODE = /(\b(?:cvv2?|cvc2?|csc|cid|security\s+code)\b\s*(?:is\s+|[:#=]\s*)?)\d{3,4}\b/gi;
// Expiry as MM/YY or MM/YYYY, with or without an "exp"/"expiry"/"expires" label (the label is kept).
const CARD_EXPIRY = /(?<![\d/])(?:0?[1-9]|1[0-2])\s?\/\s?(?:\d{4}|\d{2})(?![\d/])/g;

// Credentials pasted into free text, by shape.
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const VERITY_API_KEY = /vk_(?:live|test)_[A-Za-z0-9]+/g;
const VERITY_WEBHOOK_SECRET = /whsec_[A-Za-z0-9+/=_-]+/g;
// Tokens are long; "the bearer of this letter" is prose and stays readable.
const BEARER_TOKEN = /\b(bearer)\s+[A-Za-z0-9._~+/-]{8,}=*/gi;
const BASIC_CREDENTIALS = /\b(basic)\s+([A-Za-z0-9+/]+={0,2})(?![A-Za-z0-9+/=])/gi;

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, "");

function isSecretKey(key: string): boolean {
  const k = normaliseKey(key);
  return SECRET_KEY_NAMES.has(k) || SECRET_KEY_FRAGMENTS.some((fragment) => k.includes(fragment));
}

const isExpiryKey = (key: string): boolean => EXPIRY_KEY.test(normaliseKey(key));

/** Looser than a network's own lengths on purpose: audit metadata is permanent, so when in doubt we redact. */
function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && hasCardNetworkPrefix(digits) && passesLuhn(digits);
}

// A UUID (an entry's, a message's, an invitation's id): its digit groups are an identifier, never a card.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Card numbers pasted into free text, UUIDs left whole: "…-daa3-4931-9191-6372f16…" holds a 13-digit run that
 * passes Luhn with an American Express prefix, and ids in metadata must survive as they are.
 */
function redactCardNumbers(text: string): string {
  let out = "";
  let last = 0;
  for (const uuid of text.matchAll(UUID)) {
    out += redactCardRuns(text.slice(last, uuid.index)) + uuid[0];
    last = uuid.index + uuid[0].length;
  }
  return out + redactCardRuns(text.slice(last));
}

/**
 * Card numbers in text without UUIDs. Within each run of digit groups we look for consecutive whole groups
 * forming a card, so "qty 2 4111 1111 1111 1111" is caught but digits are never split out of a longer unbroken
 * run (order ids, 20-digit references).
 */
function redactCardRuns(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const groups = [...run.matchAll(/\d+/g)].map((m) => ({ digits: m[0], start: m.index, end: m.index + m[0].length }));
    const cards: Array<[number, number]> = [];
    for (let i = 0; i < groups.length; i++) {
      for (let j = groups.length - 1; j >= i; j--) {
        if (
          !isCardNumber(
            groups
              .slice(i, j + 1)
              .map((g) => g.digits)
              .join(""),
          )
        )
          continue;
        cards.push([groups[i].start, groups[j].end]);
        i = j;
        break;
      }
    }
    return cards.reduceRight((out, [start, end]) => out.slice(0, start) + REDACTED + out.slice(end), run);
  });
}

/** Once a string is known to hold a card, its CVV and expiry are cardholder data too. */
const redactCardCompanions = (text: string): string =>
  text.replace(CARD_SECURITY_CODE, `$1${REDACTED}`).replace(CARD_EXPIRY, REDACTED);

/** "Basic" is an ordinary English word; only redact when the payload decodes to "user:password". */
function looksLikeBasicCredentials(payload: string): boolean {
  return payload.length % 4 === 0 && Buffer.from(payload, "base64").toString("latin1").includes(":");
}

/** Tokens copied out of request headers or logs into notes and error messages. */
const redactTokens = (text: string): string =>
  text
    .replace(JWT, REDACTED)
    .replace(VERITY_API_KEY, REDACTED)
    .replace(VERITY_WEBHOOK_SECRET, REDACTED)
    .replace(BEARER_TOKEN, `$1 ${REDACTED}`)
    .replace(BASIC_CREDENTIALS, (match, scheme: string, payload: string) =>
      looksLikeBasicCredentials(payload) ? `${scheme} ${REDACTED}` : match,
    );

function redactString(text: string): string {
  const withoutCards = redactCardNumbers(text);
  const scrubbed = withoutCards === text ? text : redactCardCompanions(withoutCards);
  return redactTokens(scrubbed);
}

/** True when a string (or a card number stored as a plain integer) holds a card number. */
function containsCardNumber(value: unknown): boolean {
  if (typeof value === "number") return Number.isSafeInteger(value) && isCardNumber(String(Math.abs(value)));
  return typeof value === "string" && redactCardNumbers(value) !== value;
}

function redactObject(source: object, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let siblingHoldsCard = false;
  for (const [key, value] of Object.entries(source)) {
    if (containsCardNumber(value)) siblingHoldsCard = true;
    const redacted = isSecretKey(key) ? REDACTED : redactValue(value, depth + 1);
    if (redacted !== undefined) out[key] = redacted;
  }
  // { number: "4242…", expMonth: 12, expYear: 2030 }: the expiry fields belong to the card.
  if (siblingHoldsCard) {
    for (const key of Object.keys(out)) if (isExpiryKey(key)) out[key] = REDACTED;
  }
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return REDACTED;
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "string") return redactString(value);
  if (typeof value === "number") return !Number.isFinite(value) ? null : containsCardNumber(value) ? REDACTED : value;
  if (typeof value === "bigint") return redactString(value.toString());
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1) ?? null);
  if (typeof value === "object") return redactObject(value, depth);
  return undefined; // undefined, functions and symbols are not JSON
}

/** Deep copy of JSON-like audit metadata with secrets, card data and tokens replaced by REDACTED. */
export function redactMetadata(value: unknown): unknown {
  return redactValue(value, 0);
}

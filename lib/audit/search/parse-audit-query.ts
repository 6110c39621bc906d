import ipaddr from "ipaddr.js";
import { AUDIT_CATEGORIES, type AuditCategory } from "@/lib/audit/event-catalog";
import type { Outcome } from "@/lib/audit/entry-content";
import { parseCreated, type CreatedRange } from "./parse-created";
import { SearchSyntaxError } from "./search-syntax-error";
import { tokenizeAuditQuery, type QueryToken } from "./tokenize-audit-query";

/**
 * The audit trail's one search language (the audit screen and `GET /api/v1/audit-events?q=`):
 * `action:member.*  -outcome:success  actor:ada@example.com  ip:10.0.0.0/8  created:>=2026-11-01  "free text"`.
 * Terms are ANDed; `-` excludes. Pure, with no server imports, so the screen can check a search as it
 * is typed. auditQueryWhere turns the result into SQL.
 */

export const AUDIT_QUERY_QUALIFIERS = [
  "action",
  "category",
  "actor",
  "target",
  "outcome",
  "ip",
  "country",
  "created",
] as const;
export type AuditQueryQualifier = (typeof AUDIT_QUERY_QUALIFIERS)[number];
export const AUDIT_OUTCOMES: readonly Outcome[] = ["success", "failure", "denied"];
const OUTCOMES = AUDIT_OUTCOMES;

export type AuditQueryCondition =
  /** Exact, or every action starting with `value` when `prefix` (written `action:member.*`). */
  | { field: "action"; value: string; prefix: boolean }
  | { field: "category"; value: AuditCategory }
  /** An API key prefix (`vk_live_AbC1`), else an email or display name (any case), or an exact actor id. */
  | { field: "actor"; value: string }
  | { field: "target"; value: string }
  | { field: "outcome"; value: Outcome }
  /** A network in CIDR notation, host bits cleared; a single address is a /32 or /128. */
  | { field: "ip"; network: string }
  | { field: "country"; value: string }
  | ({ field: "created" } & CreatedRange)
  /**
   * Bare words and "quoted text": a case-insensitive substring of what the table shows (action, actor and
   * target names or ids, IP, city, country) or of the metadata.
   */
  | { field: "text"; value: string };

/** `position` is 1-based, `length` the term as written: for highlighting it on the screen. */
export type AuditQueryTerm = AuditQueryCondition & { negated: boolean; position: number; length: number };
export type AuditQuery = { terms: AuditQueryTerm[] };

const API_KEY_PREFIX = /^vk_(live|test)_/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
const ACTION = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

type ValueAt = { value: string; position: number; length: number };

/** `message` reads on with "at position N" where the value starts; `more` follows it. */
function invalid(at: ValueAt, message: string, more = ""): SearchSyntaxError {
  return new SearchSyntaxError(`${message} at position ${at.position}${more}`, at.position, at.length);
}

function parseAction(at: ValueAt): AuditQueryCondition {
  const value = at.value.toLowerCase();
  const prefix = value.endsWith("*");
  const stem = prefix ? value.slice(0, -1) : value;
  if (stem.includes("*"))
    throw invalid(at, `Misplaced "*" in "${at.value}"`, `: "*" may only end an action, as in action:member.*`);
  if (prefix && stem === "")
    throw invalid(at, `"action:*"`, ` matches every action: leave it out, or name the start, as in action:member.*`);
  // A trailing dot is allowed before "*" (member.*), nowhere else.
  if (!ACTION.test(prefix && stem.endsWith(".") ? stem.slice(0, -1) : stem)) {
    throw invalid(
      at,
      `"${at.value}"`,
      ` is not an action name (lower-case words joined by dots, such as user.signed_in)`,
    );
  }
  return { field: "action", value: stem, prefix };
}

function parseNetwork(at: ValueAt): AuditQueryCondition {
  const notAnAddress = () =>
    invalid(
      at,
      `"${at.value}"`,
      " is not an IP address or CIDR range (such as 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32)",
    );
  const [address, bits, ...rest] = at.value.split("/");
  // ipaddr.js also accepts "127.1", octal and hex IPv4 forms, and IPv6 zone ids; PostgreSQL's inet does not.
  const strict =
    ipaddr.IPv4.isValidFourPartDecimal(address) || (ipaddr.IPv6.isValid(address) && !address.includes("%"));
  if (!strict || rest.length > 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw notAnAddress();
  const kind = ipaddr.parse(address).kind();
  const maxBits = kind === "ipv4" ? 32 : 128;
  const prefixLength = bits === undefined ? maxBits : Number(bits);
  if (prefixLength > maxBits)
    throw invalid(at, `"${at.value}"`, `: an ${kind === "ipv4" ? "IPv4" : "IPv6"} prefix is at most /${maxBits}`);
  const cidr = `${address}/${prefixLength}`;
  const first = kind === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return { field: "ip", network: `${first.toString()}/${prefixLength}` };
}

function parseQualified(name: AuditQueryQualifier, at: ValueAt, valueOffset: number): AuditQueryCondition {
  switch (name) {
    case "action":
      return parseAction(at);
    case "category": {
      const value = at.value.toLowerCase();
      if (!(AUDIT_CATEGORIES as readonly string[]).includes(value)) {
        throw invalid(at, `Unknown category "${at.value}"`, `. Known: ${AUDIT_CATEGORIES.join(", ")}`);
      }
      return { field: "category", value: value as AuditCategory };
    }
    case "actor":
    case "target":
      return { field: name, value: at.value };
    case "outcome": {
      const value = at.value.toLowerCase();
      if (!(OUTCOMES as readonly string[]).includes(value))
        throw invalid(at, `Unknown outcome "${at.value}"`, `. Known: ${OUTCOMES.join(", ")}`);
      return { field: "outcome", value: value as Outcome };
    }
    case "ip":
      return parseNetwork(at);
    case "country":
      if (!/^[A-Za-z]{2}$/.test(at.value))
        throw invalid(at, `"${at.value}"`, " is not a two-letter country code (such as GB)");
      return { field: "country", value: at.value.toUpperCase() };
    case "created":
      return { field: "created", ...parseCreated(at.value, valueOffset) };
  }
}

function parseTerm(token: QueryToken): AuditQueryTerm {
  const term = {
    negated: token.negated,
    position: token.start + 1,
    length: token.valueStart + token.valueLength - token.start,
  };
  const at: ValueAt = { value: token.value, position: token.valueStart + 1, length: token.valueLength };
  if (!token.qualifier) {
    if (token.value === "") throw invalid(at, "Empty quotes");
    // The search text joins an entry's fields with U+001F (migration audit_search_text): a phrase
    // holding it, or any control character, would match across fields or nothing an entry shows.
    const control = token.value.search(CONTROL_CHARACTERS);
    if (control >= 0) {
      const code = token.value.charCodeAt(control).toString(16).toUpperCase().padStart(4, "0");
      throw invalid(
        at,
        `Free text "${token.value.replace(CONTROL_CHARACTERS, "\uFFFD")}"`,
        ` holds a control character (U+${code}): search for visible text`,
      );
    }
    return { ...term, field: "text", value: token.value };
  }
  const written = token.qualifier.name;
  const name = written.toLowerCase() as AuditQueryQualifier;
  if (!AUDIT_QUERY_QUALIFIERS.includes(name)) {
    throw new SearchSyntaxError(
      `Unknown qualifier "${written}" at position ${token.qualifier.start + 1}. Known: ${AUDIT_QUERY_QUALIFIERS.join(", ")}`,
      token.qualifier.start + 1,
      written.length,
    );
  }
  if (token.value === "") {
    throw new SearchSyntaxError(
      `"${written}:" at position ${token.qualifier.start + 1} needs a value`,
      token.qualifier.start + 1,
      written.length + 1,
    );
  }
  return { ...term, ...parseQualified(name, at, token.valueStart + (token.quoted ? 1 : 0)) };
}

/** Parses a search; throws SearchSyntaxError (an AppError "invalid_input") naming the position of the first problem. */
export function parseAuditQuery(text: string): AuditQuery {
  return { terms: tokenizeAuditQuery(text).map(parseTerm) };
}

export function isApiKeyPrefix(value: string): boolean {
  return API_KEY_PREFIX.test(value);
}

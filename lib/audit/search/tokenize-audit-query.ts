import { SearchSyntaxError } from "./search-syntax-error";

/** One whitespace-separated term of a search, as written. Offsets are 0-based into the query text. */
export type QueryToken = {
  negated: boolean;
  /** Where the term starts, its `-` included. */
  start: number;
  qualifier: { name: string; start: number } | null;
  /** The value with its quotes and escapes removed. */
  value: string;
  valueStart: number;
  /** The value's length as written, quotes included. */
  valueLength: number;
  quoted: boolean;
};

/** Generous for a person, small enough that no query turns into an expensive statement. */
export const MAX_QUERY_LENGTH = 1000;
export const MAX_QUERY_TERMS = 30;

const QUALIFIER = /([A-Za-z][A-Za-z0-9_]*):/y;
const isSpace = (char: string) => /\s/.test(char);

/** Reads a "quoted value" starting at the opening quote; `\"` and `\\` stand for themselves. */
function readQuoted(text: string, open: number): { value: string; end: number } {
  let value = "";
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      if (i + 1 < text.length && !isSpace(text[i + 1])) {
        throw new SearchSyntaxError(
          `Expected a space after the closing quote, found "${text[i + 1]}" at position ${i + 2}`,
          i + 2,
          1,
        );
      }
      return { value, end: i + 1 };
    }
    if (char === "\\" && (text[i + 1] === '"' || text[i + 1] === "\\")) i++;
    value += text[i];
  }
  throw new SearchSyntaxError(
    `Unterminated quote at position ${open + 1}: add the closing "`,
    open + 1,
    text.length - open,
  );
}

export function tokenizeAuditQuery(text: string): QueryToken[] {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new SearchSyntaxError(
      `The search is too long at position ${MAX_QUERY_LENGTH + 1}: at most ${MAX_QUERY_LENGTH} characters`,
      MAX_QUERY_LENGTH + 1,
      text.length - MAX_QUERY_LENGTH,
    );
  }
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const start = i;
    if (tokens.length === MAX_QUERY_TERMS) {
      throw new SearchSyntaxError(
        `Too many terms at position ${start + 1}: at most ${MAX_QUERY_TERMS}`,
        start + 1,
        text.length - start,
      );
    }
    const negated = text[i] === "-";
    if (negated) {
      i++;
      if (i === text.length || isSpace(text[i])) {
        throw new SearchSyntaxError(`Nothing to exclude after "-" at position ${start + 1}`, start + 1, 1);
      }
    }
    QUALIFIER.lastIndex = i;
    const match = QUALIFIER.exec(text);
    const qualifier = match ? { name: match[1], start: i } : null;
    if (match) i += match[0].length;

    const valueStart = i;
    let value: string;
    const quoted = text[i] === '"';
    if (quoted) {
      const read = readQuoted(text, i);
      value = read.value;
      i = read.end;
    } else {
      while (i < text.length && !isSpace(text[i])) i++;
      value = text.slice(valueStart, i);
    }
    tokens.push({ negated, start, qualifier, value, valueStart, valueLength: i - valueStart, quoted });
  }
  return tokens;
}

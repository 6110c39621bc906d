import { addFieldError, AppError, type FieldErrors } from "./app-error";

/** Deeper JSON than this is refused: no form or event of Verity's nests half as deep. */
export const MAX_INPUT_DEPTH = 32;
/** A refusal names at most this many fields: a 64 KB body of bad strings gets a short answer. */
const MAX_NAMED_FIELDS = 20;

export const NUL_MESSAGE = "Contains a NUL character (U+0000), which cannot be stored.";
export const LONE_SURROGATE_MESSAGE =
  "Contains half of a UTF-16 surrogate pair (not a whole character), which cannot be stored.";
export const TOO_DEEP_MESSAGE = `Nested deeper than ${MAX_INPUT_DEPTH} levels.`;

/** Why PostgreSQL (and RFC 8785) would refuse this text: a NUL (text and jsonb, 22021 / 22P05) or a lone surrogate (jsonb, JCS). */
export function unstorableTextReason(text: string): string | null {
  if (text.includes("\u0000")) return NUL_MESSAGE;
  if (!text.isWellFormed()) return LONE_SURROGATE_MESSAGE;
  return null;
}

/**
 * What in a client's input (a parsed JSON body, a query, path parameters, a server action's
 * argument) cannot be stored or hashed, keyed by field path as zod's errors are ("metadata.note",
 * "_" for the whole input): a NUL or a lone surrogate in any string or object key, or nesting deeper
 * than MAX_INPUT_DEPTH. It stops descending at that depth, so a 30,000-deep array is refused before
 * anything recursive (zod, JSON.stringify, the RFC 8785 canonicalizer) runs on it.
 */
export function unstorableFields(input: unknown): FieldErrors | null {
  const fields: FieldErrors = {};
  let named = 0;
  const note = (path: readonly (string | number)[], message: string) => {
    const key = path.length ? path.join(".") : "_";
    if (!Object.hasOwn(fields, key)) named++;
    addFieldError(fields, key, message);
  };
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (named >= MAX_NAMED_FIELDS) return;
    if (typeof value === "string") {
      const reason = unstorableTextReason(value);
      if (reason) note(path, reason);
      return;
    }
    if (value === null || typeof value !== "object") return;
    if (path.length >= MAX_INPUT_DEPTH) return note(path, TOO_DEEP_MESSAGE);
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
      return;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return;
    for (const [key, item] of Object.entries(value)) {
      const reason = unstorableTextReason(key);
      if (reason) note(path, `A key ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`);
      else visit(item, [...path, key]);
    }
  };
  visit(input, []);
  return named === 0 ? null : fields;
}

/** The guard's check before zod parses anything: the input itself, or a 400 naming each unstorable field. */
export function storableInput<T>(input: T): T {
  const fields = unstorableFields(input);
  if (fields)
    throw new AppError("invalid_input", "The request has text that cannot be stored, or is nested too deeply.", fields);
  return input;
}

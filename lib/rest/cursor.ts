import { AppError } from "@/lib/http/app-error";

/**
 * An opaque keyset cursor: the organization and the seq to continue before. A cursor from another
 * organization, or one that was edited into nonsense, is a 400, never a page of someone else's data
 * (the query filters by the caller's organization in any case).
 */
export function encodeCursor(orgId: string, seq: string): string {
  return Buffer.from(JSON.stringify({ o: orgId, s: seq })).toString("base64url");
}

export function decodeCursor(cursor: string, orgId: string): bigint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("invalid_input", "The cursor is not one this API issued.", { cursor: ["Not a valid cursor."] });
  }
  const { o, s } = (parsed ?? {}) as { o?: unknown; s?: unknown };
  if (typeof o !== "string" || typeof s !== "string" || !/^[1-9]\d{0,18}$/.test(s)) {
    throw new AppError("invalid_input", "The cursor is not one this API issued.", { cursor: ["Not a valid cursor."] });
  }
  if (o !== orgId) throw new AppError("invalid_input", "The cursor belongs to another organization's results.", { cursor: ["Not a cursor for this organization."] });
  return BigInt(s);
}

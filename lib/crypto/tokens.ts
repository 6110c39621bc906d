import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A high-entropy single-use token (256 bits) for a link or a pending sign-in, and its stored form. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

/** Tokens are stored only as SHA-256: a database leak reveals nothing usable. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

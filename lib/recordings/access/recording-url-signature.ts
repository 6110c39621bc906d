import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { encryptionKey } from "@/lib/crypto/secret-box";

/**
 * The key that signs Verity's own recording URLs (directory store): derived with HKDF from the instance's
 * encryption key (VERITY_ENCRYPTION_KEY, which every instance on one database shares; the instance key check
 * enforces it), under a label of its own, so it signs nothing else and the encryption key never leaves the box.
 */
function urlKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", encryptionKey(), Buffer.alloc(0), "verity recording url v1", 32));
}

/** What a URL is signed over: the recording, its organization, the exact audio object and the expiry. */
export type SignedAudio = { orgId: string; recordingId: string; objectKey: string; expires: number };

export function signRecordingUrl(what: SignedAudio): string {
  const message = [what.orgId, what.recordingId, what.objectKey, String(what.expires)].join("\n");
  return createHmac("sha256", urlKey()).update(message).digest("base64url");
}

/** Constant-time comparison of a URL's signature with the one it should carry. */
export function signatureMatches(what: SignedAudio, signature: string): boolean {
  const expected = Buffer.from(signRecordingUrl(what));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

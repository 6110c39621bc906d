import { createHash } from "node:crypto";

/**
 * The small pieces of the C2SP signed-note format shared by notes, keys and checkpoints: key names, key ids,
 * strict base64. Pure and dependency-free, so a verifier (the CLI, a monitor, a browser) can load it.
 */

/** Signature type bytes of C2SP signed-note: Ed25519 note signatures and tlog-cosignature v1 (Ed25519). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

/** A key name: non-empty, no Unicode space and no "+" (they would make vkeys and signature lines ambiguous). */
export function isValidKeyName(name: string): boolean {
  return name !== "" && name.isWellFormed() && !/[\p{White_Space}+]/u.test(name);
}

/** key ID = SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4], as 8 lowercase hex digits. */
export function noteKeyId(name: string, signatureType: number, publicKey: Uint8Array): string {
  const hash = createHash("sha256")
    .update(name, "utf8")
    .update(Buffer.from([0x0a, signatureType]))
    .update(publicKey);
  return hash.digest().subarray(0, 4).toString("hex");
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard base64 (RFC 4648 §4) with padding, decoded strictly: Buffer.from(…, "base64") skips bad
 * characters and accepts missing padding, so one signature could be written many ways. Null when malformed.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}

/** A key id written as 8 hex digits (either case, like the Go reference), lowercased; null otherwise. */
export function parseKeyIdHex(text: string): string | null {
  return /^[0-9a-fA-F]{8}$/.test(text) ? text.toLowerCase() : null;
}

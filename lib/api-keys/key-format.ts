import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import baseX from "base-x";

/**
 * The API key format: `vk_live_` or `vk_test_`, 22 base62 characters of randomness (16 random bytes,
 * 128 bits), then a 6-character base62 CRC32 of everything before it. Secret scanners recognise the
 * prefix; the checksum turns a typo or a truncated copy into a refusal before any database lookup.
 *
 *   vk_live_4Fq1Zb0cXy8Rk2Lm9Ns3Tu 1HxW7a
 *   └prefix┘└─── 22 random ───────┘└crc┘
 */

const BASE62 = baseX("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
const RANDOM_LENGTH = 22;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = /^vk_(live|test)_([0-9A-Za-z]{22})([0-9A-Za-z]{6})$/;

export type KeyEnvironment = "live" | "test";

function fixedBase62(bytes: Uint8Array, length: number): string {
  return BASE62.encode(bytes).padStart(length, "0");
}

function checksumOf(body: string): string {
  const value = crc32(body) >>> 0;
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return fixedBase62(bytes, CHECKSUM_LENGTH);
}

/** A new key: the secret (shown once) and what is stored (its SHA-256, a display prefix, the last 4). */
export function generateApiKey(environment: KeyEnvironment): {
  key: string;
  keyHash: string;
  prefix: string;
  last4: string;
} {
  const body = `vk_${environment}_${fixedBase62(randomBytes(16), RANDOM_LENGTH)}`;
  const key = body + checksumOf(body);
  return { key, keyHash: hashApiKey(key), prefix: displayPrefixOf(key), last4: key.slice(-4) };
}

/** `vk_live_` and the first 4 random characters: enough to recognise a key, far too little to use it. */
export function displayPrefixOf(key: string): string {
  return key.slice(0, "vk_live_".length + 4);
}

/** The environment of a well-formed key with a valid checksum, or null: no database lookup for a typo. */
export function parseApiKey(candidate: string): { environment: KeyEnvironment } | null {
  const match = KEY_PATTERN.exec(candidate);
  if (!match) return null;
  const body = candidate.slice(0, -CHECKSUM_LENGTH);
  return match[3] === checksumOf(body) ? { environment: match[1] as KeyEnvironment } : null;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

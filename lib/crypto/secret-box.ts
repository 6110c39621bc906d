import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * AES-256-GCM for secrets Verity must be able to read back (TOTP seeds, later webhook signing
 * secrets and org secrets). The key comes from VERITY_ENCRYPTION_KEY (32 bytes, base64), or is
 * generated once into .data/encryption-key for a first run on the embedded database.
 * Sealed form: "v1:" + base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag). The purpose string is
 * bound as additional data, so a sealed value cannot be moved to a column where it means something else.
 */

let cachedKey: Buffer | undefined;

/** Where a generated key lives when VERITY_ENCRYPTION_KEY is not set (named in the instance key check's refusal). */
export function keyFile(): string {
  return join(process.env.VERITY_DATA_DIR ?? join(process.env.VERITY_ROOT ?? process.cwd(), ".data"), "encryption-key");
}

/**
 * The instance's encryption key: the `local` key provider's first key-encryption key, and what the instance key
 * check takes an HMAC under; never printed.
 */
export function encryptionKey(): Buffer {
  if (cachedKey) return cachedKey;
  const configured = process.env.VERITY_ENCRYPTION_KEY;
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length !== 32) throw new Error("VERITY_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    return (cachedKey = key);
  }
  const path = keyFile();
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return (cachedKey = Buffer.from(readFileSync(path, "utf8").trim(), "base64"));
}

export function seal(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

export function open(sealed: string, purpose: string): string {
  if (!sealed.startsWith("v1:")) throw new Error("unknown sealed-secret format");
  const bytes = Buffer.from(sealed.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
}

import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM with additional data, in one sealed form: "v1:" + base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag).
 * The additional data is not stored: whoever opens must name the same context, so a sealed value moved to
 * another row, organization or version fails to open instead of decrypting under a meaning it never had.
 */
export function sealBytes(key: Buffer, plaintext: Buffer, additionalData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(additionalData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `v1:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

export function openBytes(key: Buffer, sealed: string, additionalData: string): Buffer {
  if (!sealed.startsWith("v1:")) throw new Error("unknown sealed format");
  const bytes = Buffer.from(sealed.slice(3), "base64url");
  if (bytes.length < 28) throw new Error("sealed value too short");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(additionalData, "utf8"));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
}

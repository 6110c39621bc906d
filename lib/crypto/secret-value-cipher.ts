import "server-only";
import { openBytes, sealBytes } from "./aes-gcm";
import type { DataKey } from "./org-data-keys";

/** Where a value belongs; bound into its ciphertext as additional data. */
export type SecretValuePlace = { orgId: string; secretId: string; version: number };

const valueContext = ({ orgId, secretId, version }: SecretValuePlace) =>
  `verity/org-secret/v1|${orgId}|${secretId}|${version}`;

/**
 * Seals a secret's value under a data key, bound to its organization, secret and version: a ciphertext copied
 * to another secret, organization or version (or an old version passed off as the current one) fails to open.
 * A string value is sealed as its UTF-8 bytes; a file as its own bytes, the same way.
 */
export function sealSecretBytes(dataKey: DataKey, place: SecretValuePlace, bytes: Buffer): string {
  return sealBytes(dataKey.key, bytes, valueContext(place));
}

export function openSecretBytes(dataKey: DataKey, place: SecretValuePlace, ciphertext: string): Buffer {
  return openBytes(dataKey.key, ciphertext, valueContext(place));
}

export function sealSecretValue(dataKey: DataKey, place: SecretValuePlace, value: string): string {
  return sealSecretBytes(dataKey, place, Buffer.from(value, "utf8"));
}

export function openSecretValue(dataKey: DataKey, place: SecretValuePlace, ciphertext: string): string {
  return openSecretBytes(dataKey, place, ciphertext).toString("utf8");
}

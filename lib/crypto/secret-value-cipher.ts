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
 */
export function sealSecretValue(dataKey: DataKey, place: SecretValuePlace, value: string): string {
  return sealBytes(dataKey.key, Buffer.from(value, "utf8"), valueContext(place));
}

export function openSecretValue(dataKey: DataKey, place: SecretValuePlace, ciphertext: string): string {
  return openBytes(dataKey.key, ciphertext, valueContext(place)).toString("utf8");
}

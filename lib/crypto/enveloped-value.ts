import "server-only";
import { openBytes, sealBytes } from "./aes-gcm";
import type { DataKey } from "./org-data-keys";

/**
 * A value sealed under a data key, in one text column: "e1:" + data key id + ":" + the AES-GCM sealed form.
 * The data key's id travels with the value, so no extra column is needed; the additional data (`context`) is not
 * stored: it names the row the value belongs to, so a value copied to another row fails to open.
 * Values sealed before envelope encryption ("v1:", the instance key directly, lib/crypto/secret-box) are
 * converted in place at start-up (lib/crypto/convert-legacy-sealed.ts).
 */
const PREFIX = "e1:";
const UUID_LENGTH = 36;

export const isEnveloped = (sealed: string) => sealed.startsWith(PREFIX);
export const isLegacySealed = (sealed: string) => sealed.startsWith("v1:");

export function sealEnveloped(dataKey: DataKey, context: string, plaintext: string): string {
  return `${PREFIX}${dataKey.id}:${sealBytes(dataKey.key, Buffer.from(plaintext, "utf8"), context)}`;
}

/** The id of the data key a value was sealed under (to fetch it before opening). */
export function envelopeDataKeyId(sealed: string): string {
  if (!isEnveloped(sealed) || sealed[PREFIX.length + UUID_LENGTH] !== ":") throw new Error("not an enveloped value");
  return sealed.slice(PREFIX.length, PREFIX.length + UUID_LENGTH);
}

export function openEnveloped(dataKey: DataKey, context: string, sealed: string): string {
  if (envelopeDataKeyId(sealed) !== dataKey.id) throw new Error("sealed under another data key");
  return openBytes(dataKey.key, sealed.slice(PREFIX.length + UUID_LENGTH + 1), context).toString("utf8");
}

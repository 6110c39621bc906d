import "server-only";
import { envelopeDataKeyId, isLegacySealed, openEnveloped, sealEnveloped } from "@/lib/crypto/enveloped-value";
import { openLegacySealed } from "@/lib/crypto/legacy-sealed";
import { currentDataKey, dataKeyById } from "@/lib/crypto/org-data-keys";
import type { Db, Tx } from "@/lib/db/client";
import { SECRET_PURPOSE } from "./signing";

/** Which row a signing secret belongs to; bound into its ciphertext, so a copy onto another endpoint fails. */
export type SigningSecretPlace = { orgId: string; endpointId: string; secretId: string };

export const signingSecretContext = ({ orgId, endpointId, secretId }: SigningSecretPlace) =>
  `verity/webhook-signing-secret/v1|${orgId}|${endpointId}|${secretId}`;

/** Seals a signing secret under its organization's current data key (envelope encryption, as org secrets). */
export async function sealSigningSecret(tx: Tx, place: SigningSecretPlace, secret: string): Promise<string> {
  return sealEnveloped(await currentDataKey(tx, place.orgId), signingSecretContext(place), secret);
}

/** Opens one; a secret still in the pre-envelope form (not yet converted at start-up) opens with the instance key. */
export async function openSigningSecret(db: Db | Tx, place: SigningSecretPlace, sealed: string): Promise<string> {
  if (isLegacySealed(sealed)) return openLegacySealed(db, sealed, SECRET_PURPOSE);
  const dataKey = await dataKeyById(db, place.orgId, envelopeDataKeyId(sealed));
  return openEnveloped(dataKey, signingSecretContext(place), sealed);
}

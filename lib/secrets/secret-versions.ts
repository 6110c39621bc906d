import "server-only";
import type { OrgContext } from "@/lib/context";
import { currentDataKey, dataKeyById } from "@/lib/crypto/org-data-keys";
import { openSecretValue, sealSecretValue } from "@/lib/crypto/secret-value-cipher";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { markSecretReader } from "./secret-readers";
import { displayOf } from "./secret-records";

/** Seals `value` as version `version` of the secret, under the organization's current data key. */
export async function addSecretVersion(
  tx: Tx,
  ctx: OrgContext,
  { secretId, version, value, now }: { secretId: string; version: number; value: string; now: Date },
) {
  const orgId = ctx.org.id;
  const dataKey = await currentDataKey(tx, orgId);
  const ciphertext = sealSecretValue(dataKey, { orgId, secretId, version }, value);
  await tx.secretVersion.create({
    data: {
      secretId,
      orgId,
      version,
      dataKeyId: dataKey.id,
      ciphertext,
      createdAt: now,
      createdByDisplay: displayOf(ctx),
    },
  });
  // Whoever wrote the value knows it: their first reveal of it is nobody new.
  await markSecretReader(tx, ctx, secretId);
}

/** The value of one version. A ciphertext this instance cannot open (moved, tampered, key missing) is a 503, named. */
export async function openSecretVersion(
  tx: Tx,
  secret: { id: string; orgId: string },
  version: number,
): Promise<string> {
  const row = await tx.secretVersion.findFirst({
    where: { secretId: secret.id, orgId: secret.orgId, version },
    select: { version: true, dataKeyId: true, ciphertext: true },
  });
  if (!row) throw new AppError("not_found", `This secret has no version ${version}.`);
  return openSealedVersion(tx, secret, row);
}

/** Opens a version row already read. */
export async function openSealedVersion(
  tx: Tx,
  secret: { id: string; orgId: string },
  row: { version: number; dataKeyId: string; ciphertext: string },
): Promise<string> {
  try {
    const dataKey = await dataKeyById(tx, secret.orgId, row.dataKeyId);
    return openSecretValue(dataKey, { orgId: secret.orgId, secretId: secret.id, version: row.version }, row.ciphertext);
  } catch {
    throw new AppError(
      "unavailable",
      "This secret's value cannot be opened with this instance's keys (a missing key-encryption key, or a damaged value).",
    );
  }
}

import "server-only";
import type { OrgContext } from "@/lib/context";
import { currentDataKey, dataKeyById } from "@/lib/crypto/org-data-keys";
import { openSecretBytes, sealSecretBytes } from "@/lib/crypto/secret-value-cipher";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { markSecretReader } from "./secret-readers";
import { displayOf } from "./secret-records";
import type { TRevealedContent, TSecretContent } from "./secret-schemas";

/**
 * Seals `content` as version `version` of the secret, under the organization's current data key: a string as its
 * UTF-8 bytes, a file as its bytes (its name, media type and size kept beside, in clear).
 */
export async function addSecretVersion(
  tx: Tx,
  ctx: OrgContext,
  { secretId, version, content, now }: { secretId: string; version: number; content: TSecretContent; now: Date },
) {
  const orgId = ctx.org.id;
  const dataKey = await currentDataKey(tx, orgId);
  const bytes = content.file ? Buffer.from(content.file.contentBase64, "base64") : Buffer.from(content.value, "utf8");
  const ciphertext = sealSecretBytes(dataKey, { orgId, secretId, version }, bytes);
  await tx.secretVersion.create({
    data: {
      secretId,
      orgId,
      version,
      dataKeyId: dataKey.id,
      ciphertext,
      ...(content.file
        ? { fileName: content.file.name, fileContentType: content.file.contentType, fileSize: bytes.length }
        : {}),
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
): Promise<TRevealedContent> {
  const row = await tx.secretVersion.findFirst({
    where: { secretId: secret.id, orgId: secret.orgId, version },
    select: { version: true, dataKeyId: true, ciphertext: true, fileName: true, fileContentType: true },
  });
  if (!row) throw new AppError("not_found", `This secret has no version ${version}.`);
  return openSealedVersion(tx, secret, row);
}

/** A version row as read for opening; `fileName`/`fileContentType` are null for a string value. */
export type SealedVersionRow = {
  version: number;
  dataKeyId: string;
  ciphertext: string;
  fileName: string | null;
  fileContentType: string | null;
};

/** Opens a version row already read: a string value, or a file with its name and media type. */
export async function openSealedVersion(
  db: Db | Tx,
  secret: { id: string; orgId: string },
  row: SealedVersionRow,
): Promise<TRevealedContent> {
  let bytes: Buffer;
  try {
    const dataKey = await dataKeyById(db, secret.orgId, row.dataKeyId);
    bytes = openSecretBytes(
      dataKey,
      { orgId: secret.orgId, secretId: secret.id, version: row.version },
      row.ciphertext,
    );
  } catch {
    throw new AppError(
      "unavailable",
      "This secret's value cannot be opened with this instance's keys (a missing key-encryption key, or a damaged value).",
    );
  }
  if (row.fileName === null) return { value: bytes.toString("utf8") };
  const file = {
    name: row.fileName,
    contentType: row.fileContentType ?? "application/octet-stream",
    size: bytes.length,
  };
  return { file: { ...file, contentBase64: bytes.toString("base64") } };
}

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from "@aws-sdk/client-s3";
import type { ArchiveStore, PutOptions } from "./archive-store";
import type { S3ArchiveSettings } from "./archive-settings";

/**
 * An S3-compatible bucket as the archive. Where the bucket has Object Lock enabled, every object is written in
 * COMPLIANCE mode until its retention end: no one, the bucket's owner included, can delete or overwrite that
 * version before then. A bucket without Object Lock (or a server that does not implement it, as s3rver does
 * not) gets plain objects: the lock is an added guarantee, not a condition of archiving.
 */
export function s3Store(settings: S3ArchiveSettings): ArchiveStore & { objectLock(): Promise<boolean> } {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Checksums only where S3 requires them: S3-compatible servers do not all read the SDK's trailing checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = settings.bucket;
  let lock: Promise<boolean> | undefined;
  const objectLock = () =>
    (lock ??= client
      .send(new GetObjectLockConfigurationCommand({ Bucket }))
      .then((answer) => answer.ObjectLockConfiguration?.ObjectLockEnabled === "Enabled")
      .catch(() => false));

  async function put(input: Omit<PutObjectCommandInput, "Bucket">, options: PutOptions) {
    const locked = options.retainUntil && (await objectLock());
    await client.send(
      new PutObjectCommand({
        Bucket,
        ...input,
        // S3 wants an integrity checksum with Object Lock parameters: SHA-256, computed by the SDK as it sends.
        ...(locked
          ? {
              ObjectLockMode: "COMPLIANCE",
              ObjectLockRetainUntilDate: options.retainUntil!,
              ChecksumAlgorithm: "SHA256",
            }
          : {}),
      }),
    );
  }

  return {
    description: `s3://${Bucket}`,
    objectLock,
    async putFile(Key, file, options = {}) {
      const { size } = await stat(file);
      await put({ Key, Body: createReadStream(file), ContentLength: size, ContentType: "application/gzip" }, options);
    },
    putText: (Key, text, options = {}) => put({ Key, Body: text, ContentType: "application/json" }, options),
    async read(Key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key }));
        return answer.Body as AsyncIterable<Uint8Array>;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async list(Prefix) {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys.sort();
    },
    // S3 answers a delete of a missing key with success. Under Object Lock (compliance mode) a delete before the
    // retain-until date only adds a delete marker on versioned buckets; the locked version stays until then.
    delete: async (Key) => void (await client.send(new DeleteObjectCommand({ Bucket, Key }))),
    destroy: async (Key) => {
      const versions = await versionsOf(client, Bucket, Key);
      // A server without versioning (s3rver) answers the listing with an error: its one object is the key itself.
      if (versions === null) return void (await client.send(new DeleteObjectCommand({ Bucket, Key })));
      for (const VersionId of versions) await client.send(new DeleteObjectCommand({ Bucket, Key, VersionId }));
    },
    async presignedUrl(Key, { expiresInSeconds, contentType, fileName }) {
      const { getSignedUrl } = await import("@aws-sdk/s3-request-presigner");
      const command = new GetObjectCommand({
        Bucket,
        Key,
        ...(contentType ? { ResponseContentType: contentType } : {}),
        ...(fileName ? { ResponseContentDisposition: `inline; filename="${fileName}"` } : {}),
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },
  };
}

/** Every version id of exactly `Key` (delete markers included), or null where the server lists no versions. */
async function versionsOf(client: S3Client, Bucket: string, Key: string): Promise<string[] | null> {
  const ids: string[] = [];
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListObjectVersionsCommand({ Bucket, Prefix: Key, KeyMarker, VersionIdMarker }),
      );
      for (const entry of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])])
        if (entry.Key === Key && entry.VersionId) ids.push(entry.VersionId);
      [KeyMarker, VersionIdMarker] = page.IsTruncated
        ? [page.NextKeyMarker, page.NextVersionIdMarker]
        : [undefined, undefined];
    } while (KeyMarker !== undefined);
  } catch {
    return null;
  }
  return ids;
}

/**
 * Where archived segments live: a directory (directory-store.ts) or an S3-compatible bucket (s3-store.ts).
 * Keys are slash-separated names (segment-format.ts). A put replaces an object of the same name, which is
 * how an archive run that died after writing resumes: it writes the same range under the same name.
 */
export type PutOptions = {
  /** Keep the object undeletable until then where the store can (S3 Object Lock, compliance mode). */
  retainUntil?: Date | null;
};

export interface ArchiveStore {
  /** Where the objects go, for logs and reports: "directory .data/archive", "s3://bucket". */
  readonly description: string;
  /** Stores the file at `path` under `key`, streamed from disk. */
  putFile(key: string, path: string, options?: PutOptions): Promise<void>;
  putText(key: string, text: string, options?: PutOptions): Promise<void>;
  /** The object's bytes, streamed, or null when there is no such object. */
  read(key: string): Promise<AsyncIterable<Uint8Array> | null>;
  /** The keys that start with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes the object; removing one that is not there is not an error (a purge that died is run again). */
  delete(key: string): Promise<void>;
  /**
   * Destroys the object so that its bytes cannot be read back (call recordings: an original with card data): the
   * directory store overwrites the file with zeros before removing it; S3 deletes every version of the key and
   * its delete markers. A missing object is not an error.
   */
  destroy(key: string): Promise<void>;
  /** A time-limited GET URL for the object where the store can issue one itself (S3 presigned); else null. */
  presignedUrl(key: string, options: PresignOptions): Promise<string | null>;
}

export type PresignOptions = { expiresInSeconds: number; contentType?: string; fileName?: string };

/** A whole (small) object as text, or null when it is missing. */
export async function readText(store: ArchiveStore, key: string): Promise<string | null> {
  const body = await store.read(key);
  if (!body) return null;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { ArchiveStore } from "@/lib/lifecycle/archive/archive-store";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { s3Store } from "@/lib/lifecycle/archive/s3-store";
import { startS3Server } from "./s3-server";

/** An archive store for a test, with the two things an attacker (or an accident) does to an object. */
export type TestArchiveStore = {
  store: ArchiveStore;
  overwrite(key: string, bytes: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
  stop(): Promise<void>;
};

/** A directory store under `scratch`. */
export async function directoryTestStore(scratch: string): Promise<TestArchiveStore> {
  const root = await mkdtemp(path.join(scratch, "directory-"));
  const file = (key: string) => path.join(root, ...key.split("/"));
  return {
    store: directoryStore(root),
    async overwrite(key, bytes) {
      await chmod(file(key), 0o644);
      await writeFile(file(key), bytes);
    },
    remove: (key) => rm(file(key)),
    stop: async () => {},
  };
}

/** A bucket on a real S3-protocol server (s3rver) on loopback, stopped by `stop`. */
export async function s3TestStore(): Promise<TestArchiveStore> {
  const bucket = "verity-archive";
  const server = await startS3Server(bucket);
  const settings = {
    bucket,
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    forcePathStyle: true,
  };
  const client = new S3Client(settings);
  return {
    store: s3Store(settings),
    overwrite: async (Key, Body) => void (await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body }))),
    remove: async (Key) => void (await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }))),
    stop: () => server.stop(),
  };
}

/** The bytes of an object, or null when it is missing. */
export async function readObject(store: ArchiveStore, key: string): Promise<Buffer | null> {
  const body = await store.read(key);
  if (!body) return null;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

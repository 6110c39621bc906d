import type { ArchiveStore } from "./archive-store";
import { archiveSettings } from "./archive-settings";
import { directoryStore } from "./directory-store";

/**
 * The archive store the environment configures (archive-settings.ts). The S3 client is loaded only when a
 * bucket is configured: the directory store needs none of it.
 */
export async function openArchiveStore(env: Record<string, string | undefined> = process.env): Promise<ArchiveStore> {
  const settings = archiveSettings(env);
  if (settings.kind === "directory") return directoryStore(settings.directory);
  const { s3Store } = await import("./s3-store");
  return s3Store(settings);
}

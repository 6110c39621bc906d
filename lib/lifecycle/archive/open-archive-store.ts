import type { ArchiveStore } from "./archive-store";
import { archiveSettings } from "./archive-settings";
import { directoryStore } from "./directory-store";
import { s3Store } from "./s3-store";

/** The archive store the environment configures (archive-settings.ts). */
export function openArchiveStore(env: Record<string, string | undefined> = process.env): ArchiveStore {
  const settings = archiveSettings(env);
  return settings.kind === "s3" ? s3Store(settings) : directoryStore(settings.directory);
}

import "server-only";
import { randomBytes } from "node:crypto";
import type { ArchiveStore } from "@/lib/lifecycle/archive/archive-store";
import { openArchiveStore } from "@/lib/lifecycle/archive/open-archive-store";

/**
 * Call recordings live in the audit archive's object store (directory by default, S3-compatible when
 * VERITY_ARCHIVE_S3_BUCKET is set), under `recordings/<orgId>/<recordingId>/`: an org-scoped prefix the archive's
 * own keys (`<orgId>/…`) never share. Each stored version of an object gets a fresh name; the database names the
 * current one, and a replaced version is destroyed (ArchiveStore.destroy), never left behind.
 */
export type RecordingStore = ArchiveStore;

export function openRecordingStore(env: Record<string, string | undefined> = process.env): Promise<RecordingStore> {
  return openArchiveStore(env);
}

export const recordingPrefix = (orgId: string, recordingId: string) => `recordings/${orgId}/${recordingId}/`;

/** A fresh object name for one version of a recording's audio or transcript. */
export function recordingObjectKey(orgId: string, recordingId: string, kind: "audio" | "transcript"): string {
  const extension = kind === "audio" ? "wav" : "json";
  return `${recordingPrefix(orgId, recordingId)}${kind}-${randomBytes(8).toString("hex")}.${extension}`;
}

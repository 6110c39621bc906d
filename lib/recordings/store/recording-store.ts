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

/**
 * A fresh object name for one version of a recording's audio or transcript. The name carries when it was made
 * (base-36 milliseconds): the sweeper leaves an object that no recording names alone while it is young, because a
 * run may still be about to put it on record (sweep-recording-objects.ts).
 */
export function recordingObjectKey(
  orgId: string,
  recordingId: string,
  kind: "audio" | "transcript",
  madeAt: Date = new Date(),
): string {
  const extension = kind === "audio" ? "wav" : "json";
  const stamp = madeAt.getTime().toString(36);
  return `${recordingPrefix(orgId, recordingId)}${kind}-${stamp}-${randomBytes(8).toString("hex")}.${extension}`;
}

/**
 * When the object was named (recordingObjectKey), or null for a name without the stamp (made before names carried
 * it, so at least as old as this code): the sweeper treats those as old.
 */
export function objectKeyMadeAt(key: string): Date | null {
  const match = /\/(?:audio|transcript)-([0-9a-z]{6,12})-[0-9a-f]{16}\.(?:wav|json)$/.exec(key);
  if (!match) return null;
  const ms = parseInt(match[1], 36);
  return Number.isSafeInteger(ms) ? new Date(ms) : null;
}

import type { Target } from "@/lib/context";

/** A recording as the trail names it: by id and title (or source), never by what was said. */
export function recordingTarget(recording: { id: string; title: string; source: string }): Target {
  return { type: "recording", id: recording.id, display: recording.title || recording.source };
}

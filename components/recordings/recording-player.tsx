"use client";

import { useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import type { IssueRecordingUrlAction } from "./recording-format";

type Props = { orgSlug: string; recordingId: string; title: string; issueUrl: IssueRecordingUrlAction };

/**
 * The audio player on a time-limited URL: nothing is fetched until Play, which asks the server for a URL (an audit
 * entry: who listened, when) and then plays it. The URL expires; Play again issues a new one.
 */
export function RecordingPlayer({ orgSlug, recordingId, title, issueUrl }: Props) {
  const [issued, setIssued] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const play = () =>
    startTransition(async () => {
      setError(null);
      const result = await issueUrl(orgSlug, { recordingId });
      if (result.ok) setIssued(result.data);
      else setError(result.error);
    });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={buttonStyles.primary} onClick={play} disabled={pending}>
          {pending ? "Issuing a URL…" : issued ? "Play again" : "Play"}
        </button>
        <p className="text-xs text-slate-600" id="play-on-record">
          Play issues a time-limited URL to the redacted audio. Each URL issued is on the record in the audit trail.
        </p>
      </div>
      <FormError message={error} />
      {issued ? (
        <div className="space-y-1">
          {/* The redacted call has no captions track: its redacted transcript is on this page. */}
          <audio
            key={issued.url}
            src={issued.url}
            controls
            autoPlay
            aria-label={`${title || "Recording"}, redacted audio`}
            data-testid="recording-audio"
            className="w-full"
          />
          <p className="text-xs text-slate-500" data-testid="url-expiry">
            This URL expires at{" "}
            <time dateTime={issued.expiresAt}>{issued.expiresAt.replace("T", " ").slice(0, 19)}</time> UTC.
          </p>
        </div>
      ) : null}
    </div>
  );
}

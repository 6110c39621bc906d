import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { utc } from "@/components/api-keys/format";
import { bytes, duration } from "@/components/recordings/recording-format";
import { RecordingAdminActions } from "@/components/recordings/recording-admin-actions";
import { RecordingPlayer } from "@/components/recordings/recording-player";
import { RecordingStatusBadge } from "@/components/recordings/recording-status-badge";
import { RecordingTranscript } from "@/components/recordings/recording-transcript";
import { RefreshWhileProcessing } from "@/components/recordings/refresh-while-processing";
import { ValidationReport } from "@/components/recordings/validation-report";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { getRecordingView } from "@/lib/recordings/views/get-recording-view";
import { DEFAULT_FAILED_RETENTION_DAYS, failedRetentionDays } from "@/lib/recordings/sweep/expire-failed-recordings";
import { destroyRecordingAction, issueRecordingUrlAction, retryRedactionAction } from "../actions";

export const metadata: Metadata = { title: "Recording" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ orgSlug: string; recordingId: string }> };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

// A misconfigured retention is the worker's error to report; the page still names the default.
function retentionDaysOrDefault() {
  try {
    return failedRetentionDays(process.env);
  } catch {
    return DEFAULT_FAILED_RETENTION_DAYS;
  }
}

// Another organization's recording, or a malformed id, is a 404 like an unknown one.
export default async function RecordingPage({ params }: Props) {
  const { orgSlug, recordingId } = await params;
  const ctx = await loadOrgPage(orgSlug, "recordings.read");
  if (!z.uuid().safeParse(recordingId).success) notFound();
  const recording = await getRecordingView(readClient(), ctx, recordingId);
  if (!recording) notFound();
  const title = recording.title || "Untitled call";
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/${ctx.org.slug}/recordings`} className="text-brand-700 hover:underline">
            Recordings
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <RecordingStatusBadge status={recording.status} />
        </div>
        <p className="text-sm text-slate-500">
          From <span className="font-mono">{recording.source}</span>, {duration(recording.durationMs)} long (
          {recording.sampleRate.toLocaleString("en-US")} Hz, {recording.channels === 1 ? "mono" : "stereo"},{" "}
          {recording.bitsPerSample}-bit, {bytes(recording.sizeBytes)}); uploaded{" "}
          <time dateTime={recording.uploadedAt}>{utc(recording.uploadedAt)}</time> by {recording.uploadedBy}.
        </p>
      </div>
      {recording.status === "failed" ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p className="font-semibold">Locked: redaction did not pass validation</p>
          <p className="mt-1">
            {recording.failureReason ?? "No reason was recorded."} The recording cannot be played or downloaded, and a
            security alert was raised. An admin can retry the redaction or destroy the recording.
          </p>
        </div>
      ) : null}
      {recording.status === "processing" ? (
        <p role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Redaction is running. The transcript and the audio become available here once it has passed validation.
          <RefreshWhileProcessing />
        </p>
      ) : null}
      {recording.status === "redacted" ? (
        <Section title="Audio">
          <RecordingPlayer
            orgSlug={ctx.org.slug}
            recordingId={recording.id}
            title={title}
            issueUrl={issueRecordingUrlAction}
          />
        </Section>
      ) : null}
      <Section title="Redacted transcript">
        {recording.transcript ? (
          <RecordingTranscript words={recording.transcript} />
        ) : (
          <p className="text-sm text-slate-500">
            {recording.status === "redacted"
              ? "No transcript is stored for this recording."
              : "Not available: only a transcript that passed validation is shown."}
          </p>
        )}
      </Section>
      {ctx.permissions.includes("recordings.manage") ? (
        <Section title="Manage">
          <RecordingAdminActions
            orgSlug={ctx.org.slug}
            recordingId={recording.id}
            title={title}
            status={recording.status}
            retentionDays={retentionDaysOrDefault()}
            retryAction={retryRedactionAction}
            destroyAction={destroyRecordingAction}
          />
        </Section>
      ) : null}
      <Section title="Validation report">
        {recording.validation ? (
          <ValidationReport validation={recording.validation} count={recording.validationCount} />
        ) : (
          <p className="text-sm text-slate-500">No validation yet.</p>
        )}
      </Section>
    </div>
  );
}

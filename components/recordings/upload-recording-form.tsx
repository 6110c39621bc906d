"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ProgressBar } from "@/components/audit/progress-bar";
import { buttonStyles } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import { bytes } from "./recording-format";
import { sendUpload } from "./upload-request";

type Props = { orgSlug: string; limits: { audioBytes: number; transcriptBytes: number } };

const FIELDS = [
  { name: "source", label: "Source", hint: "The integration or campaign the call came from, e.g. support-line." },
  { name: "title", label: "Title (optional)", hint: "How the call is listed." },
] as const;

/**
 * The upload: audio and transcript files with a source and a title, sent with progress; the server's
 * refusals (415 format, 413 size, 400 transcript shape) come back in plain words next to the form.
 */
export function UploadRecordingForm({ orgSlug, limits }: Props) {
  const router = useRouter();
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const abort = useRef<(() => void) | null>(null);
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const missing: Record<string, string[]> = {};
    if (!String(data.get("source") ?? "").trim()) missing.source = ["Name the source of the call."];
    if (!(data.get("audio") instanceof File) || (data.get("audio") as File).size === 0)
      missing.audio = ["Choose the call's audio file."];
    if (!(data.get("transcript") instanceof File) || (data.get("transcript") as File).size === 0)
      missing.transcript = ["Choose the call's transcript file."];
    setFields(missing);
    setError(Object.keys(missing).length ? "Check the highlighted fields." : null);
    if (Object.keys(missing).length) return;
    setProgress({ sent: 0, total: 0 });
    const upload = sendUpload(`/api/orgs/${encodeURIComponent(orgSlug)}/recordings`, data, (sent, total) =>
      setProgress({ sent, total }),
    );
    abort.current = upload.abort;
    const outcome = await upload.done;
    abort.current = null;
    setProgress(null);
    if (outcome.ok) return router.push(`/${orgSlug}/recordings/${outcome.id}`);
    setError(outcome.message);
    setFields(outcome.fields ?? {});
  };
  const describe = (name: string, hint: boolean) =>
    [fields[name]?.length ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <form
      method="post"
      encType="multipart/form-data"
      onSubmit={submit}
      noValidate
      className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      aria-label="Upload a recording"
    >
      <FormError message={error} />
      <div className="space-y-1 text-sm">
        <label htmlFor="audio" className="block font-medium text-slate-700">
          Audio
        </label>
        <input
          id="audio"
          name="audio"
          type="file"
          accept="audio/wav,audio/x-wav,audio/wave,.wav"
          aria-invalid={fields.audio?.length ? true : undefined}
          aria-describedby={describe("audio", true)}
          className="block text-sm"
        />
        <p id="audio-hint" className="text-xs text-slate-500">
          WAV, PCM 8 or 16 bit, mono or stereo, up to {bytes(limits.audioBytes)}.
        </p>
        <FieldErrors id="audio-error" errors={fields.audio} />
      </div>
      <div className="space-y-1 text-sm">
        <label htmlFor="transcript" className="block font-medium text-slate-700">
          Transcript
        </label>
        <input
          id="transcript"
          name="transcript"
          type="file"
          accept="application/json,.json"
          aria-invalid={fields.transcript?.length ? true : undefined}
          aria-describedby={describe("transcript", true)}
          className="block text-sm"
        />
        <p id="transcript-hint" className="text-xs text-slate-500">
          JSON with word-level timestamps (Verity&apos;s shape, Whisper verbose_json, Deepgram, AWS Transcribe or Google
          Speech-to-Text), up to {bytes(limits.transcriptBytes)}.
        </p>
        <FieldErrors id="transcript-error" errors={fields.transcript} />
      </div>
      {FIELDS.map((field) => (
        <div key={field.name} className="space-y-1 text-sm">
          <label htmlFor={field.name} className="block font-medium text-slate-700">
            {field.label}
          </label>
          <input
            id={field.name}
            name={field.name}
            type="text"
            maxLength={200}
            aria-invalid={fields[field.name]?.length ? true : undefined}
            aria-describedby={describe(field.name, true)}
            className={inputStyles}
          />
          <p id={`${field.name}-hint`} className="text-xs text-slate-500">
            {field.hint}
          </p>
          <FieldErrors id={`${field.name}-error`} errors={fields[field.name]} />
        </div>
      ))}
      {progress ? (
        <ProgressBar
          label="Upload progress"
          value={progress.sent}
          max={progress.total || null}
          text={
            progress.total && progress.sent >= progress.total
              ? "Uploaded; redacting…"
              : `Uploading ${bytes(progress.sent)}${progress.total ? ` of ${bytes(progress.total)}` : ""}`
          }
        />
      ) : null}
      <div className="flex justify-end gap-2">
        {progress ? (
          <button type="button" className={buttonStyles.secondary} onClick={() => abort.current?.()}>
            Cancel upload
          </button>
        ) : null}
        <button type="submit" className={buttonStyles.primary} disabled={progress !== null}>
          {progress ? "Uploading…" : "Upload"}
        </button>
      </div>
    </form>
  );
}

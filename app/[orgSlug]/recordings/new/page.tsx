import type { Metadata } from "next";
import Link from "next/link";
import { UploadRecordingForm } from "@/components/recordings/upload-recording-form";
import { loadOrgPage } from "@/lib/guard/org-page";
import { UPLOAD_LIMITS } from "@/lib/recordings/upload-limits";

export const metadata: Metadata = { title: "Upload a recording" };
export const dynamic = "force-dynamic";

export default async function NewRecordingPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "recordings.write");
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`/${ctx.org.slug}/recordings`} className="text-brand-700 hover:underline">
            Recordings
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Upload a recording</h1>
        <p className="max-w-prose text-sm text-slate-500">
          The call is redacted as soon as it arrives: card data found in the transcript, by either detection layer, is
          silenced in the audio and replaced by &quot;[redacted]&quot; in the transcript, and the original audio is
          destroyed. Until that has passed validation the recording cannot be played.
        </p>
      </div>
      <UploadRecordingForm orgSlug={ctx.org.slug} limits={UPLOAD_LIMITS} />
    </div>
  );
}

import type { Metadata } from "next";
import { RecordingsPanel } from "@/components/recordings/recordings-panel";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listRecordingSources, listRecordingViews } from "@/lib/recordings/views/list-recording-views";
import { listRedactionJobs } from "@/lib/recordings/views/list-redaction-jobs";
import { ZRecordingFilters } from "@/lib/recordings/views/recording-view-schemas";
import { deleteRecordingsFromSourceAction, startBulkRedactionAction } from "./actions";

export const metadata: Metadata = { title: "Recordings" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[]>> };

// Whoever may read recordings sees the list; uploading is recordings.write, deletion by source and bulk
// re-redaction recordings.manage. A filter the screen does not know is ignored, not an error page.
export default async function RecordingsPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "recordings.read");
  const raw = await searchParams;
  const parsed = ZRecordingFilters.safeParse({
    status: typeof raw.status === "string" && raw.status ? raw.status : undefined,
    source: typeof raw.source === "string" && raw.source ? raw.source : undefined,
  });
  const filters = parsed.success ? parsed.data : {};
  const db = readClient();
  const manages = ctx.permissions.includes("recordings.manage");
  const [{ rows, truncated }, sources, jobs] = await Promise.all([
    listRecordingViews(db, ctx, filters),
    listRecordingSources(db, ctx),
    manages ? listRedactionJobs(db, ctx) : [],
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Recordings</h1>
        <p className="text-sm text-slate-500">
          {ctx.org.name}&apos;s calls, with card numbers, security codes and expiry dates removed from the audio and the
          transcript. A recording plays only once redaction has finished and passed validation, through a time-limited
          URL that is on the record.
        </p>
      </div>
      <RecordingsPanel
        orgSlug={ctx.org.slug}
        recordings={rows}
        truncated={truncated}
        filters={filters}
        sources={sources}
        canUpload={ctx.permissions.includes("recordings.write")}
        manage={
          manages ? { deleteSource: deleteRecordingsFromSourceAction, startBulk: startBulkRedactionAction, jobs } : null
        }
      />
    </div>
  );
}

import type { RecordingRedactionJob } from "@/lib/db/generated/client";
import type { TBulkRedactionJobView } from "../recording-schemas";

export function bulkJobView(row: RecordingRedactionJob): TBulkRedactionJobView {
  return {
    id: row.id,
    status: row.status as TBulkRedactionJobView["status"],
    since: row.since?.toISOString() ?? null,
    total: row.total,
    done: row.done,
    failed: row.failed,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

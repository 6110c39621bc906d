import type { TRecordingStatus } from "@/lib/recordings/views/recording-view-schemas";
import { STATUS_LABEL } from "./recording-format";

const TONE: Record<TRecordingStatus, string> = {
  processing: "bg-sky-100 text-sky-900",
  redacted: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
};

/** A recording's state in words and colour (the words carry it: colour alone says nothing to some readers). */
export function RecordingStatusBadge({ status }: { status: TRecordingStatus }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${TONE[status]}`}
      data-testid="recording-status"
      data-status={status}
    >
      {STATUS_LABEL[status]}
    </span>
  );
}

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { utc } from "@/components/api-keys/format";
import { DataTable } from "@/components/ui/data-table";
import type { TRecordingRow } from "@/lib/recordings/views/recording-view-schemas";
import { duration } from "./recording-format";
import { RecordingStatusBadge } from "./recording-status-badge";

const column = createColumnHelper<TRecordingRow>();

/** The recordings, newest first; a row opens the recording (Enter or Space on a focused row, arrows move). */
export function RecordingsTable({ orgSlug, recordings }: { orgSlug: string; recordings: TRecordingRow[] }) {
  const router = useRouter();
  const href = (id: string) => `/${orgSlug}/recordings/${id}`;
  const columns = [
    column.accessor((row) => row.title || "Untitled call", {
      id: "title",
      header: "Recording",
      cell: ({ row: { original }, getValue }) => (
        <Link
          href={href(original.id)}
          className="font-medium text-brand-700 hover:underline"
          onClick={(event) => event.stopPropagation()}
          tabIndex={-1}
        >
          {getValue()}
        </Link>
      ),
    }),
    column.accessor("status", { header: "Status", cell: (info) => <RecordingStatusBadge status={info.getValue()} /> }),
    column.accessor("source", {
      header: "Source",
      cell: (info) => <span className="font-mono text-xs text-slate-700">{info.getValue()}</span>,
    }),
    column.accessor("durationMs", {
      header: "Duration",
      meta: { cellClassName: "text-right tabular-nums" },
      cell: (info) => duration(info.getValue()),
    }),
    column.accessor("uploadedAt", {
      header: "Uploaded",
      cell: ({ row: { original } }) => (
        <span className="text-xs text-slate-700">
          <time dateTime={original.uploadedAt}>{utc(original.uploadedAt)}</time>
          <span className="block text-slate-500">{original.uploadedBy}</span>
        </span>
      ),
    }),
  ];
  return (
    <DataTable
      label="Recordings"
      data={recordings}
      columns={columns}
      getRowId={(row) => row.id}
      rowTestId="recording-row"
      rowData={(row) => ({ "data-recording-id": row.id })}
      sorting="client"
      onOpenRow={(id) => router.push(href(id))}
    />
  );
}

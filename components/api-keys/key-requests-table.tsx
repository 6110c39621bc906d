"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import type { KeyRequestView } from "@/lib/api-keys/api-key-detail-types";
import { utc } from "./format";

type Row = KeyRequestView & { id: string };
const column = createColumnHelper<Row>();

function StatusCode({ status }: { status: number }) {
  const tone =
    status >= 500
      ? "bg-red-50 text-red-800 ring-red-200"
      : status >= 400
        ? "bg-amber-50 text-amber-900 ring-amber-200"
        : "bg-emerald-50 text-emerald-800 ring-emerald-200";
  return (
    <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${tone}`}>{status}</span>
  );
}

const columns = [
  column.accessor("at", {
    header: "Time (UTC)",
    cell: (info) => (
      <time dateTime={info.getValue()} title={info.getValue()} className="whitespace-nowrap tabular-nums">
        {utc(info.getValue()).replace(" UTC", "")}
      </time>
    ),
  }),
  column.accessor("method", {
    header: "Method",
    cell: (info) => <span className="font-mono text-xs font-semibold">{info.getValue()}</span>,
  }),
  column.accessor("path", {
    header: "Path",
    cell: (info) => <code className="break-all font-mono text-xs text-slate-800">{info.getValue()}</code>,
  }),
  column.accessor("status", { header: "Status", cell: (info) => <StatusCode status={info.getValue()} /> }),
  column.accessor("ip", {
    header: "IP address",
    cell: (info) => <span className="font-mono text-xs">{info.getValue() ?? "—"}</span>,
  }),
];

/** A key's last requests, newest first (the request log keeps 30 days). */
export function KeyRequestsTable({ requests }: { requests: KeyRequestView[] }) {
  const rows = requests.map((request, index) => ({ ...request, id: `${request.at}-${index}` }));
  return (
    <DataTable
      label="Recent requests"
      data={rows}
      columns={columns}
      getRowId={(row) => row.id}
      rowTestId="key-request"
      sorting="client"
      empty="No requests with this key in the last 30 days."
    />
  );
}

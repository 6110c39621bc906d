"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { utc } from "@/components/api-keys/format";
import { DataTable } from "@/components/ui/data-table";
import type { TDsrView } from "@/lib/privacy/dsr-schemas";
import { accessPackageHref, deadlineText, TYPE_LABEL } from "./dsr-format";

const column = createColumnHelper<TDsrView>();
type Props = {
  orgSlug: string;
  requests: TDsrView[];
  onAnswer: (request: TDsrView, mode: "complete" | "reject") => void;
};
const smallButton = "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";

function Outcome({ request }: { request: TDsrView }) {
  if (request.status === "received") return <span className="text-xs text-slate-700">Open</span>;
  const when = request.resolvedAt!.slice(0, 10);
  if (request.status === "rejected")
    return (
      <span className="text-xs text-slate-700">
        Rejected {when}: {request.reason}
      </span>
    );
  const record = request.completionRecord;
  return (
    <details className="text-xs text-slate-700">
      <summary className="cursor-pointer">Completed {when}</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {record?.erased.map((item) => (
          <li key={`e-${item.data}`}>
            Erased: {item.data} ({item.count})
          </li>
        ))}
        {record?.delivered.map((item) => (
          <li key={`d-${item.data}`}>
            Delivered: {item.data} ({item.count})
          </li>
        ))}
        {record?.kept.map((item) => (
          <li key={`k-${item.data}`}>
            Kept: {item.data}. {item.why.replace(/^Kept: /, "")}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Requests with their deadlines (overdue ones stand out), answers, and the access package's downloads. */
export function DsrTable({ orgSlug, requests, onAnswer }: Props) {
  const columns = [
    column.accessor("subject", {
      header: "Person",
      cell: (info) => <span className="block max-w-56 break-words font-medium text-slate-900">{info.getValue()}</span>,
    }),
    column.accessor((row) => `${TYPE_LABEL[row.type]} · ${row.regime}`, { id: "kind", header: "Request" }),
    column.accessor("receivedAt", {
      header: "Received",
      cell: (info) => (
        <time dateTime={info.getValue()} title={utc(info.getValue())}>
          {info.getValue().slice(0, 10)}
        </time>
      ),
    }),
    column.accessor("dueAt", {
      header: "Deadline",
      cell: ({ row: { original } }) => (
        <span className={original.overdue ? "font-semibold text-red-700" : "text-slate-700"}>
          <time dateTime={original.dueAt} title={utc(original.dueAt)}>
            {original.dueAt.slice(0, 10)}
          </time>
          <span className="block text-xs">{deadlineText(original)}</span>
        </span>
      ),
    }),
    column.display({
      id: "outcome",
      header: "Status",
      cell: ({ row: { original } }) => <Outcome request={original} />,
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row: { original } }) => (
        <div className="flex flex-wrap gap-1.5">
          {original.type === "access" && original.status !== "rejected" ? (
            <>
              <a href={accessPackageHref(orgSlug, original.id, "json")} className={smallButton} download>
                Download data
              </a>
              <a href={accessPackageHref(orgSlug, original.id, "md")} className={smallButton} download>
                Summary
              </a>
            </>
          ) : null}
          {original.status === "received" ? (
            <>
              <button type="button" className={smallButton} onClick={() => onAnswer(original, "complete")}>
                Complete
              </button>
              <button type="button" className={smallButton} onClick={() => onAnswer(original, "reject")}>
                Reject
              </button>
            </>
          ) : null}
        </div>
      ),
    }),
  ];
  return (
    <DataTable
      label="Privacy requests"
      data={requests}
      columns={columns}
      getRowId={(request) => request.id}
      rowTestId="privacy-request"
      rowClassName={(request) => (request.overdue ? "bg-red-50" : undefined)}
      rowData={(request) => ({ "data-overdue": request.overdue ? "true" : undefined, "data-status": request.status })}
    />
  );
}

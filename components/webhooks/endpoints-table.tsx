"use client";

import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { relative, utc } from "@/components/api-keys/format";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { EndpointStatus, statusRank } from "./endpoint-status";
import { filterSummary } from "./format";

const column = createColumnHelper<TWebhookEndpointView>();

/** The organization's endpoints: each URL is a link to its settings and delivery log; sorting is a real button. */
export function EndpointsTable({ orgSlug, endpoints, now }: { orgSlug: string; endpoints: TWebhookEndpointView[]; now: string }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = [
    column.accessor("url", {
      header: "URL",
      cell: ({ row: { original } }) => (
        <Link href={`/${orgSlug}/webhooks/${original.id}`} className="block max-w-md break-all font-mono text-xs font-medium text-brand-700 hover:underline">
          {original.url}
        </Link>
      ),
    }),
    column.accessor("description", {
      header: "Description",
      cell: (info) => (info.getValue() ? <span className="block max-w-52 text-slate-700">{info.getValue()}</span> : <span className="text-slate-400">—</span>),
    }),
    column.accessor((row) => filterSummary(row), {
      id: "events",
      header: "Events",
      enableSorting: false,
      cell: (info) => <span className="block max-w-64 text-xs text-slate-700">{info.getValue()}</span>,
    }),
    column.accessor((row) => statusRank(row), {
      id: "status",
      header: "Status",
      cell: ({ row: { original } }) => <EndpointStatus endpoint={original} now={now} />,
    }),
    column.accessor("liveSecrets", {
      header: "Secrets",
      cell: (info) =>
        info.getValue() > 1 ? (
          <span className="whitespace-nowrap text-xs" title="A rotation is in its grace period: every delivery carries a signature per live secret.">
            {info.getValue()} live (rotating)
          </span>
        ) : (
          <span className="whitespace-nowrap text-xs text-slate-600">{info.getValue()} live</span>
        ),
    }),
    column.accessor("createdAt", {
      header: "Created",
      cell: (info) => (
        <time dateTime={info.getValue()} title={utc(info.getValue())} className="whitespace-nowrap">
          {relative(info.getValue(), now)}
        </time>
      ),
    }),
  ];
  const table = useReactTable({
    data: endpoints,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Webhook endpoints">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const sortable = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="whitespace-nowrap px-2.5 py-2"
                    aria-sort={sortable ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                  >
                    {sortable ? (
                      <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-900" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid="webhook-endpoint-row" className={row.original.enabled ? undefined : "text-slate-500"}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-2.5 py-2 align-top">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

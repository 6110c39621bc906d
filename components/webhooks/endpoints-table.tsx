"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { relative, utc } from "@/components/api-keys/format";
import { DataTable } from "@/components/ui/data-table";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { EndpointStatus, statusRank } from "./endpoint-status";
import { filterSummary } from "./format";

const column = createColumnHelper<TWebhookEndpointView>();

/** The organization's endpoints: each URL is a link to its settings and delivery log; sorting is a real button. */
export function EndpointsTable({
  orgSlug,
  endpoints,
  now,
}: {
  orgSlug: string;
  endpoints: TWebhookEndpointView[];
  now: string;
}) {
  const columns = [
    column.accessor("url", {
      header: "URL",
      cell: ({ row: { original } }) => (
        <Link
          href={`/${orgSlug}/webhooks/${original.id}`}
          className="block max-w-md break-all font-mono text-xs font-medium text-brand-700 hover:underline"
        >
          {original.url}
        </Link>
      ),
    }),
    column.accessor("description", {
      header: "Description",
      cell: (info) =>
        info.getValue() ? (
          <span className="block max-w-52 text-slate-700">{info.getValue()}</span>
        ) : (
          <span className="text-slate-600">—</span>
        ),
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
          <span
            className="whitespace-nowrap text-xs"
            title="A rotation is in its grace period: every delivery carries a signature per live secret."
          >
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
  return (
    <DataTable
      label="Webhook endpoints"
      data={endpoints}
      columns={columns}
      getRowId={(row) => row.id}
      sorting="client"
      rowTestId="webhook-endpoint-row"
      rowClassName={(row) => (row.enabled ? undefined : "text-slate-500")}
    />
  );
}

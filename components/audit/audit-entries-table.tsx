"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useId } from "react";
import { DataTable } from "@/components/ui/data-table";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { actorLabel, EntryTime, locationLabel, OutcomeBadge, targetLabel } from "./entry-format";

const column = createColumnHelper<TAuditEntryView>();
const none = <span className="text-slate-600">—</span>;

const columns = [
  column.accessor("seq", {
    header: "#",
    cell: (info) => <span className="font-mono text-xs tabular-nums text-slate-500">{info.getValue()}</span>,
  }),
  column.accessor("occurredAt", { header: "Time", cell: (info) => <EntryTime iso={info.getValue()} /> }),
  column.accessor(actorLabel, {
    id: "actor",
    header: "Actor",
    cell: ({ row: { original } }) => (
      <span className="block max-w-48 truncate" title={actorLabel(original)}>
        {original.actor.type === "api_key" ? (
          <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-600">key</span>
        ) : null}
        {actorLabel(original)}
      </span>
    ),
  }),
  column.accessor("action", {
    header: "Action",
    cell: (info) => <span className="whitespace-nowrap font-medium text-slate-900">{info.getValue()}</span>,
  }),
  column.accessor(targetLabel, {
    id: "target",
    header: "Target",
    cell: (info) =>
      info.getValue() ? (
        <span className="block max-w-40 truncate text-slate-600" title={info.getValue() ?? undefined}>
          {info.getValue()}
        </span>
      ) : (
        none
      ),
  }),
  column.accessor("outcome", { header: "Outcome", cell: (info) => <OutcomeBadge outcome={info.getValue()} /> }),
  column.accessor("ip", {
    header: "IP",
    cell: (info) =>
      info.getValue() ? <span className="font-mono text-xs text-slate-600">{info.getValue()}</span> : none,
  }),
  column.accessor(locationLabel, { id: "location", header: "Location", cell: (info) => info.getValue() ?? none }),
];

type Props = {
  entries: TAuditEntryView[];
  /** The entry open in the drawer, marked in the table. */
  openSeq: string | null;
  onOpen: (seq: string) => void;
  /** The rows' test id: archived entries (archive-search.tsx) are told apart from the hot page's. */
  rowTestId?: string;
};

/**
 * One page of entries. Every row is a stop in the tab order: Enter (or Space, or a click) opens it,
 * the arrow keys move between rows.
 */
export function AuditEntriesTable({ entries, openSeq, onOpen, rowTestId = "audit-row" }: Props) {
  const hintId = useId();
  return (
    <>
      <p id={hintId} className="sr-only">
        Press Enter on a row to open the entry.
      </p>
      <DataTable
        label="Audit entries"
        describedBy={hintId}
        data={entries}
        columns={columns}
        getRowId={(row) => row.seq}
        rowTestId={rowTestId}
        align="middle"
        onOpenRow={onOpen}
        openRowId={openSeq}
      />
    </>
  );
}

"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useId } from "react";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { actorLabel, EntryTime, locationLabel, OutcomeBadge, targetLabel } from "./entry-format";

const column = createColumnHelper<TAuditEntryView>();
const none = <span className="text-slate-400">—</span>;

const columns = [
  column.accessor("seq", { header: "#", cell: (info) => <span className="font-mono text-xs tabular-nums text-slate-500">{info.getValue()}</span> }),
  column.accessor("occurredAt", { header: "Time", cell: (info) => <EntryTime iso={info.getValue()} /> }),
  column.accessor(actorLabel, {
    id: "actor",
    header: "Actor",
    cell: ({ row: { original } }) => (
      <span className="block max-w-48 truncate" title={actorLabel(original)}>
        {original.actor.type === "api_key" ? <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-600">key</span> : null}
        {actorLabel(original)}
      </span>
    ),
  }),
  column.accessor("action", { header: "Action", cell: (info) => <span className="whitespace-nowrap font-medium text-slate-900">{info.getValue()}</span> }),
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
  column.accessor("ip", { header: "IP", cell: (info) => (info.getValue() ? <span className="font-mono text-xs text-slate-600">{info.getValue()}</span> : none) }),
  column.accessor(locationLabel, { id: "location", header: "Location", cell: (info) => info.getValue() ?? none }),
];

type Props = {
  entries: TAuditEntryView[];
  /** The entry open in the drawer, marked in the table. */
  openSeq: string | null;
  onOpen: (seq: string) => void;
};

/**
 * One page of entries. Every row is a stop in the tab order: Enter (or Space, or a click) opens it,
 * the arrow keys move between rows.
 */
export function AuditEntriesTable({ entries, openSeq, onOpen }: Props) {
  const hintId = useId();
  const table = useReactTable({
    data: entries,
    columns,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.seq,
  });

  const moveFocus = (from: HTMLElement, step: 1 | -1) => {
    const next = step === 1 ? from.nextElementSibling : from.previousElementSibling;
    if (next instanceof HTMLElement) next.focus();
  };

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <p id={hintId} className="sr-only">
        Press Enter on a row to open the entry.
      </p>
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Audit entries" aria-describedby={hintId}>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className="whitespace-nowrap px-2.5 py-2">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              tabIndex={0}
              data-testid="audit-row"
              data-open={openSeq === row.id ? "true" : undefined}
              onClick={() => onOpen(row.id)}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  onOpen(row.id);
                } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                  event.preventDefault();
                  moveFocus(event.currentTarget, event.key === "ArrowDown" ? 1 : -1);
                }
              }}
              className="cursor-pointer hover:bg-slate-50 focus-visible:bg-brand-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 data-[open=true]:bg-brand-50"
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-2.5 py-2 align-middle">
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

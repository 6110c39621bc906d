"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableColumns } from "@/components/ui/data-table";
import type { DecisionView } from "@/lib/messaging/panel/panel-views";
import { CHECK_LABELS, DECISION_LABELS, utcTime } from "./reason-labels";

const column = createColumnHelper<DecisionView>();
const COLUMNS: DataTableColumns<DecisionView> = [
  column.accessor("decidedAt", { header: "Decided", cell: (info) => utcTime(info.getValue()) }),
  column.accessor("phoneE164", { header: "Number", meta: { cellClassName: "font-mono" } }),
  column.accessor("decision", {
    header: "Decision",
    cell: (info) => DECISION_LABELS[info.getValue()] ?? info.getValue(),
  }),
  column.accessor("reason", { header: "Reason", meta: { cellClassName: "font-mono text-xs" } }),
  column.accessor("sendAfter", {
    header: "Not before",
    enableSorting: false,
    cell: (info) => (info.getValue() ? utcTime(info.getValue()!) : "—"),
  }),
  column.display({
    id: "failed",
    header: "Failed checks",
    cell: ({ row }) =>
      row.original.checks
        .filter((check) => !check.ok && check.code !== "not_run")
        .map((check) => CHECK_LABELS[check.name] ?? check.name)
        .join(", ") || "—",
  }),
];

/** The gate's latest decisions in the organization. */
export function DecisionsTable({ decisions, filtered }: { decisions: DecisionView[]; filtered: boolean }) {
  return (
    <DataTable
      label="Gate decisions"
      data={decisions}
      columns={COLUMNS}
      getRowId={(row) => row.id}
      rowTestId="decision-row"
      sorting="client"
      empty={
        filtered ? (
          <p>No decision matches these filters.</p>
        ) : (
          <>
            <h3 className="text-base font-semibold text-slate-900">No decisions yet</h3>
            <p className="mx-auto mt-1 max-w-prose">
              Every message checked or sent through the gate is decided here: allowed, blocked or rescheduled, with the
              reason of each of its seven checks.
            </p>
          </>
        )
      }
    />
  );
}

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { utc } from "@/components/api-keys/format";
import { DataTable } from "@/components/ui/data-table";
import type { HeldPurgeView } from "@/lib/lifecycle/archive/held-purge-view";
import type { TLegalHoldView } from "@/lib/lifecycle/legal-hold-schemas";
import { HeldBackPurge } from "./held-back-purge";
import { count, scopeText } from "./legal-hold-format";

const column = createColumnHelper<TLegalHoldView>();

type Props = {
  holds: TLegalHoldView[];
  onRelease: ((hold: TLegalHoldView) => void) | null;
  /** Per hold id, the archive purge it holds back now (held-back-purge.tsx); absent: none. */
  heldPurges?: Record<string, HeldPurgeView>;
};

function HoldingBack({ hold }: { hold: TLegalHoldView }) {
  if (!hold.holdingBack) return <span className="text-slate-500">Nothing (released)</span>;
  const { purgeEntries } = hold.holdingBack;
  const erasures = hold.erasuresHeldBack;
  return (
    <span className="text-slate-800">
      Holding back purge of {count(purgeEntries)} {purgeEntries === 1 ? "entry" : "entries"}, and erasure of the people
      it covers
      {erasures.length ? (
        <span className="mt-1 block font-medium text-amber-900" data-testid="erasures-held-back">
          Holding back {erasures.length === 1 ? "an erasure request" : `${erasures.length} erasure requests`}:{" "}
          {erasures.map((erasure) => erasure.subject).join(", ")}
        </span>
      ) : null}
    </span>
  );
}

/** The organization's holds; a Release button per active hold for those who may release (null: read-only). */
export function LegalHoldsTable({ holds, onRelease, heldPurges = {} }: Props) {
  const columns = [
    column.accessor("name", {
      header: "Hold",
      cell: ({ row: { original } }) => (
        <div className="max-w-64">
          <p className="font-medium text-slate-900">{original.name}</p>
          <p className="text-xs text-slate-600">{original.matter}</p>
        </div>
      ),
    }),
    column.accessor((row) => scopeText(row.scope), {
      id: "scope",
      header: "Scope",
      cell: (info) => <span className="block max-w-64 break-words text-xs text-slate-700">{info.getValue()}</span>,
    }),
    column.accessor("coveredEntries", {
      header: "Covered entries",
      meta: { cellClassName: "text-right tabular-nums" },
      cell: (info) => count(info.getValue()),
    }),
    column.accessor("status", {
      header: "Status",
      cell: ({ row: { original } }) =>
        original.status === "active" ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Active</span>
        ) : (
          <span className="text-xs text-slate-700">
            Released{" "}
            <time dateTime={original.releasedAt!} title={utc(original.releasedAt!)}>
              {original.releasedAt!.slice(0, 10)}
            </time>
            {original.releaseReason ? `: ${original.releaseReason}` : ""}
          </span>
        ),
    }),
    column.display({
      id: "holdingBack",
      header: "Holding back",
      cell: ({ row: { original } }) => (
        <span className="block max-w-56 text-xs">
          <HoldingBack hold={original} />
        </span>
      ),
    }),
    column.display({
      id: "heldPurge",
      header: "Archive purge",
      cell: ({ row: { original } }) => (
        <span className="block max-w-56 text-xs">
          <HeldBackPurge held={heldPurges[original.id]} active={original.status === "active"} />
        </span>
      ),
    }),
    column.accessor("createdAt", {
      header: "Placed",
      cell: ({ row: { original } }) => (
        <span className="text-xs text-slate-700">
          <time dateTime={original.createdAt} title={utc(original.createdAt)}>
            {original.createdAt.slice(0, 10)}
          </time>{" "}
          by {original.createdBy.display ?? original.createdBy.id}
        </span>
      ),
    }),
    ...(onRelease
      ? [
          column.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            cell: ({ row: { original } }) =>
              original.status === "active" ? (
                <button
                  type="button"
                  onClick={() => onRelease(original)}
                  aria-label={`Release ${original.name}`}
                  className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
                >
                  Release
                </button>
              ) : null,
          }),
        ]
      : []),
  ];
  return (
    <DataTable
      label="Legal holds"
      data={holds}
      columns={columns}
      getRowId={(hold) => hold.id}
      rowTestId="legal-hold"
      sorting="client"
    />
  );
}

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { relative } from "@/components/api-keys/format";
import type { TWebhookDeliveryView } from "@/lib/webhooks/schemas";
import { DeliveryStatus } from "./delivery-status";
import { utcSeconds } from "./format";

const column = createColumnHelper<TWebhookDeliveryView>();
const REPLAY_BADGE =
  "ml-1.5 rounded bg-violet-50 px-1 py-0.5 font-sans text-violet-800 ring-1 ring-inset ring-violet-200";
const BUTTON =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

/** The id of the row holding a delivery's attempts, which its disclosure button controls. */
export const attemptsRowId = (deliveryId: string) => `attempts-${deliveryId}`;

type Options = { now: string; replaying: string | null; onReplay: (delivery: TWebhookDeliveryView) => void };

/** The delivery log's columns: a disclosure button for the attempts, what was sent and how it went, and Replay. */
export function deliveryColumns({ now, replaying, onReplay }: Options) {
  return [
    column.display({
      id: "expand",
      header: () => <span className="sr-only">Attempts</span>,
      cell: ({ row }) => (
        <button
          type="button"
          onClick={row.getToggleExpandedHandler()}
          aria-expanded={row.getIsExpanded()}
          aria-controls={attemptsRowId(row.id)}
          aria-label={
            `${row.getIsExpanded() ? "Hide" : "Show"} attempts of ${row.original.eventType} ` +
            `at ${utcSeconds(row.original.createdAt)}`
          }
          className="rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
        >
          <span aria-hidden>{row.getIsExpanded() ? "▾" : "▸"}</span>
        </button>
      ),
    }),
    column.accessor("createdAt", {
      header: "Time",
      cell: (info) => (
        <time dateTime={info.getValue()} title={utcSeconds(info.getValue())} className="whitespace-nowrap">
          {utcSeconds(info.getValue())}
        </time>
      ),
    }),
    column.accessor("eventType", {
      header: "Event",
      cell: ({ row: { original } }) => (
        <span className="whitespace-nowrap font-mono text-xs">
          {original.eventType}
          {original.replayOfId ? (
            <span className={REPLAY_BADGE} data-testid="replay-badge">
              replay
            </span>
          ) : null}
        </span>
      ),
    }),
    column.accessor("status", {
      header: "Status",
      cell: ({ row: { original } }) => <DeliveryStatus delivery={original} />,
    }),
    column.accessor("attempts", {
      header: "Attempts",
      cell: (info) => <span data-testid="delivery-attempts">{info.getValue()}</span>,
    }),
    column.accessor("lastStatus", {
      header: "Last code",
      cell: (info) => (
        <span className="font-mono" data-testid="delivery-last-status">
          {info.getValue() ?? (
            <span title={info.row.original.attempts ? "No response" : "Not attempted yet"}>
              —<span className="sr-only">{info.row.original.attempts ? "no response" : "not attempted yet"}</span>
            </span>
          )}
        </span>
      ),
    }),
    // An attempt without a response has no latency worth showing (the time it waited is not a round trip).
    column.accessor((row) => (row.attemptLog.at(-1)?.status == null ? null : row.attemptLog.at(-1)!.latencyMs), {
      id: "latency",
      header: "Latency",
      cell: (info) => {
        const latency = info.getValue();
        return latency === null ? "—" : <span className="whitespace-nowrap">{latency} ms</span>;
      },
    }),
    column.accessor("nextAttemptAt", {
      header: "Next attempt",
      cell: (info) => {
        const at = info.getValue();
        if (!at) return "—";
        const when = relative(at, now);
        return (
          <time dateTime={at} title={utcSeconds(at)} className="whitespace-nowrap">
            {when === "just now" ? "now" : when}
          </time>
        );
      },
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row: { original } }) => (
        <button
          type="button"
          disabled={replaying !== null}
          onClick={() => onReplay(original)}
          aria-label={`Replay ${original.eventType} of ${utcSeconds(original.createdAt)}`}
          className={BUTTON}
        >
          {replaying === original.id ? "Replaying…" : "Replay"}
        </button>
      ),
    }),
  ];
}

"use client";

import { createColumnHelper, flexRender, getCoreRowModel, getExpandedRowModel, useReactTable, type ExpandedState } from "@tanstack/react-table";
import { Fragment, useCallback, useEffect, useRef, useState, useTransition } from "react";
import { buttonStyles } from "@/components/api-keys/dialog";
import { relative } from "@/components/api-keys/format";
import { FormError } from "@/components/auth/form-field";
import type { TWebhookDeliveryView } from "@/lib/webhooks/schemas";
import { DeliveryAttempts } from "./delivery-attempts";
import { DeliveryStatus } from "./delivery-status";
import { utcSeconds } from "./format";
import { RecoverFailedDialog } from "./recover-failed-dialog";
import type { ListDeliveriesAction, RecoverFailedAction, ReplayDeliveryAction } from "./types";

type Page = { data: TWebhookDeliveryView[]; nextBefore: string | null };
type Props = {
  orgSlug: string;
  endpointId: string;
  initial: Page;
  now: string;
  /** A disabled endpoint is not sent to: recovered deliveries wait until it is enabled again. */
  endpointEnabled: boolean;
  /** Bumped by the screen after it queued a delivery (a test event): the log reloads. */
  reloadSignal: number;
  listAction: ListDeliveriesAction;
  replayAction: ReplayDeliveryAction;
  recoverAction: RecoverFailedAction;
};

const PAGE_SIZE = 25;
/** While anything is pending the log polls, so a retry or a first attempt shows up without a click. */
const POLL_MS = 3000;
const column = createColumnHelper<TWebhookDeliveryView>();

/** The endpoint's deliveries, newest first: every attempt behind a row's disclosure button, replay per delivery, recovery of failed ones. */
export function DeliveryLog({ orgSlug, endpointId, initial, now: serverNow, endpointEnabled, reloadSignal, listAction, replayAction, recoverAction }: Props) {
  const [deliveries, setDeliveries] = useState(initial.data);
  const [nextBefore, setNextBefore] = useState(initial.nextBefore);
  const [now, setNow] = useState(serverNow);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [recovering, setRecovering] = useState(false);
  const [loading, startLoading] = useTransition();
  const [replaying, setReplaying] = useState<string | null>(null);

  // Reloads the newest page, as many rows as are shown (so "Older" pages already opened stay open).
  const loadedCount = useRef(deliveries.length);
  loadedCount.current = deliveries.length;
  const reload = useCallback(async () => {
    const result = await listAction(orgSlug, { endpointId, limit: Math.min(100, Math.max(PAGE_SIZE, loadedCount.current)) });
    if (!result.ok) return setError(result.error);
    setError(null);
    setDeliveries(result.data.data);
    setNextBefore(result.data.nextBefore);
    setNow(new Date().toISOString());
  }, [listAction, orgSlug, endpointId]);

  const anyPending = deliveries.some((delivery) => delivery.status === "pending");
  useEffect(() => {
    if (!anyPending) return;
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [anyPending, reload]);

  const firstSignal = useRef(reloadSignal);
  useEffect(() => {
    if (reloadSignal !== firstSignal.current) void reload();
  }, [reloadSignal, reload]);

  function loadOlder() {
    if (!nextBefore) return;
    startLoading(async () => {
      const result = await listAction(orgSlug, { endpointId, before: nextBefore, limit: PAGE_SIZE });
      if (!result.ok) return setError(result.error);
      setDeliveries((shown) => [...shown, ...result.data.data.filter((delivery) => !shown.some((known) => known.id === delivery.id))]);
      setNextBefore(result.data.nextBefore);
    });
  }

  async function replay(delivery: TWebhookDeliveryView) {
    setReplaying(delivery.id);
    setMessage(null);
    const result = await replayAction(orgSlug, { endpointId, deliveryId: delivery.id });
    setReplaying(null);
    if (!result.ok) return setError(result.error);
    setMessage(`Replay of ${delivery.eventType} queued as a new delivery (${result.data.webhookId}).`);
    await reload();
  }

  const columns = [
    column.display({
      id: "expand",
      header: () => <span className="sr-only">Attempts</span>,
      cell: ({ row }) => (
        <button
          type="button"
          onClick={row.getToggleExpandedHandler()}
          aria-expanded={row.getIsExpanded()}
          aria-controls={`attempts-${row.id}`}
          aria-label={`${row.getIsExpanded() ? "Hide" : "Show"} attempts of ${row.original.eventType} at ${utcSeconds(row.original.createdAt)}`}
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
          {original.replayOfId ? <span className="ml-1.5 rounded bg-violet-50 px-1 py-0.5 font-sans text-violet-800 ring-1 ring-inset ring-violet-200" data-testid="replay-badge">replay</span> : null}
        </span>
      ),
    }),
    column.accessor("status", { header: "Status", cell: ({ row: { original } }) => <DeliveryStatus delivery={original} /> }),
    column.accessor("attempts", { header: "Attempts", cell: (info) => <span data-testid="delivery-attempts">{info.getValue()}</span> }),
    column.accessor("lastStatus", {
      header: "Last code",
      cell: (info) => <span className="font-mono" data-testid="delivery-last-status">{info.getValue() ?? (info.row.original.attempts ? "none" : "—")}</span>,
    }),
    column.accessor((row) => row.attemptLog.at(-1)?.latencyMs ?? null, {
      id: "latency",
      header: "Latency",
      cell: (info) => (info.getValue() === null ? "—" : <span className="whitespace-nowrap">{info.getValue()} ms</span>),
    }),
    column.accessor("nextAttemptAt", {
      header: "Next attempt",
      cell: (info) =>
        info.getValue() ? (
          <time dateTime={info.getValue()!} title={utcSeconds(info.getValue()!)} className="whitespace-nowrap">
            {relative(info.getValue()!, now) === "just now" ? "now" : relative(info.getValue()!, now)}
          </time>
        ) : (
          "—"
        ),
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row: { original } }) => (
        <button
          type="button"
          disabled={replaying !== null}
          onClick={() => void replay(original)}
          aria-label={`Replay ${original.eventType} of ${utcSeconds(original.createdAt)}`}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        >
          {replaying === original.id ? "Replaying…" : "Replay"}
        </button>
      ),
    }),
  ];
  const table = useReactTable({
    data: deliveries,
    columns,
    state: { expanded },
    onExpandedChange: setExpanded,
    getRowCanExpand: () => true,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <section aria-labelledby="delivery-log-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="delivery-log-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          <p className="text-sm text-slate-500">{anyPending ? "Deliveries are pending: this log refreshes every few seconds." : "Newest first. Open a row to see every attempt."}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => startLoading(reload)} disabled={loading} className={buttonStyles.secondary}>
            {loading ? "Refreshing…" : "Refresh"}
          </button>
          <button type="button" onClick={() => { setMessage(null); setRecovering(true); }} className={buttonStyles.secondary}>
            Recover failed since…
          </button>
        </div>
      </div>
      <p aria-live="polite" className="text-sm text-emerald-800">
        {message}
      </p>
      <FormError message={error} />

      {deliveries.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No deliveries yet. Events matching this endpoint&apos;s filter appear here as they are recorded; &ldquo;Send test event&rdquo; sends one now.
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Deliveries">
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
                <Fragment key={row.id}>
                  <tr data-testid="delivery-row" data-delivery-id={row.id}>
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className="px-2.5 py-2 align-top">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                  {row.getIsExpanded() ? (
                    <tr id={`attempts-${row.id}`}>
                      <td colSpan={row.getVisibleCells().length} className="p-0">
                        <DeliveryAttempts delivery={row.original} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? (
        <div className="flex justify-center">
          <button type="button" onClick={loadOlder} disabled={loading} className={buttonStyles.secondary}>
            Older
          </button>
        </div>
      ) : null}

      {recovering ? (
        <RecoverFailedDialog
          orgSlug={orgSlug}
          endpointId={endpointId}
          endpointEnabled={endpointEnabled}
          recoverAction={recoverAction}
          onRecovered={() => void reload()}
          onClose={() => setRecovering(false)}
        />
      ) : null}
    </section>
  );
}

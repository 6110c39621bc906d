"use client";

import { useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { buttonStyles } from "@/components/ui/dialog";
import { DeliveryAttempts } from "./delivery-attempts";
import { attemptsRowId, deliveryColumns } from "./delivery-columns";
import { RecoverFailedDialog } from "./recover-failed-dialog";
import type { ListDeliveriesAction, RecoverFailedAction, ReplayDeliveryAction } from "./types";
import { useDeliveryLog, type DeliveryPage } from "./use-delivery-log";

type Props = {
  orgSlug: string;
  endpointId: string;
  initial: DeliveryPage;
  now: string;
  /** A disabled endpoint is not sent to: recovered deliveries wait until it is enabled again. */
  endpointEnabled: boolean;
  /** Bumped by the screen after it queued a delivery (a test event): the log reloads. */
  reloadSignal: number;
  listAction: ListDeliveriesAction;
  replayAction: ReplayDeliveryAction;
  recoverAction: RecoverFailedAction;
};

/**
 * The endpoint's deliveries, newest first: every attempt behind a row's disclosure button, replay per
 * delivery, recovery of failed ones.
 */
export function DeliveryLog({ orgSlug, endpointId, endpointEnabled, recoverAction, ...options }: Props) {
  const log = useDeliveryLog({ orgSlug, endpointId, ...options });
  const [recovering, setRecovering] = useState(false);

  return (
    <section aria-labelledby="delivery-log-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="delivery-log-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          <p className="text-sm text-slate-500">
            {log.anyPending
              ? "Deliveries are pending: this log refreshes every few seconds."
              : "Newest first. Open a row to see every attempt."}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={log.refresh} disabled={log.loading} className={buttonStyles.secondary}>
            {log.loading ? "Refreshing…" : "Refresh"}
          </button>
          <button
            type="button"
            onClick={() => {
              log.setMessage(null);
              setRecovering(true);
            }}
            className={buttonStyles.secondary}
          >
            Recover failed since…
          </button>
        </div>
      </div>
      <p aria-live="polite" className="text-sm text-emerald-800">
        {log.message}
      </p>

      <DataTable
        label="Deliveries"
        data={log.deliveries}
        columns={deliveryColumns({ now: log.now, replaying: log.replaying, onReplay: (row) => void log.replay(row) })}
        getRowId={(row) => row.id}
        rowTestId="delivery-row"
        rowData={(row) => ({ "data-delivery-id": row.id })}
        expanded={{ id: attemptsRowId, render: (delivery) => <DeliveryAttempts delivery={delivery} /> }}
        error={log.error}
        empty={
          <>
            No deliveries yet. Events matching this endpoint&apos;s filter appear here as they are recorded; &ldquo;Send
            test event&rdquo; sends one now.
          </>
        }
      />
      {log.hasOlder ? (
        <div className="flex justify-center">
          <button type="button" onClick={log.loadOlder} disabled={log.loading} className={buttonStyles.secondary}>
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
          onRecovered={() => void log.reload()}
          onClose={() => setRecovering(false)}
        />
      ) : null}
    </section>
  );
}

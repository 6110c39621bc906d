"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonStyles } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/http/action-result";
import type { MessagingOverview } from "@/lib/messaging/panel/panel-views";
import { utcTime } from "./reason-labels";

type Props = {
  orgSlug: string;
  killSwitch: MessagingOverview["killSwitch"];
  platformSwitchOn: boolean;
  /** Null for everyone but owners (messaging.kill_switch). */
  setAction: ((orgSlug: string, input: unknown) => Promise<ActionResult<unknown>>) | null;
};

/** The organization's kill switch: its state, who changed it and why, and (owners) the switch behind a confirmation. */
export function KillSwitchCard({ orgSlug, killSwitch, platformSwitchOn, setAction }: Props) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const turningOn = !killSwitch.on;
  return (
    <section
      aria-labelledby="kill-switch-heading"
      data-testid="kill-switch"
      data-on={killSwitch.on ? "true" : "false"}
      className={`rounded-lg border p-4 ${killSwitch.on ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 id="kill-switch-heading" className="text-base font-semibold text-slate-900">
            Kill switch: {killSwitch.on ? "on — every message is blocked" : "off"}
          </h2>
          <p className="text-sm text-slate-600">
            {killSwitch.on
              ? "The gate blocks every message of the organization, scheduled ones included, until an owner turns it off."
              : "When on, the gate blocks every message of the organization at once, scheduled ones included."}
          </p>
          {killSwitch.changedAt ? (
            <p className="text-xs text-slate-500">
              Last {killSwitch.on ? "turned on" : "turned off"} {utcTime(killSwitch.changedAt)}
              {killSwitch.changedBy ? ` by ${killSwitch.changedBy}` : ""}
              {killSwitch.reason ? `: “${killSwitch.reason}”` : ""}.
            </p>
          ) : null}
          {platformSwitchOn ? (
            <p className="text-sm font-medium text-red-800" role="status">
              Verity&apos;s platform-wide kill switch is on: every organization&apos;s messages are blocked.
            </p>
          ) : null}
        </div>
        {setAction ? (
          <button
            type="button"
            className={turningOn ? buttonStyles.danger : buttonStyles.secondary}
            onClick={() => setConfirming(true)}
          >
            {turningOn ? "Turn the kill switch on" : "Turn the kill switch off"}
          </button>
        ) : (
          <p className="text-xs text-slate-500">Only an owner can turn it on or off.</p>
        )}
      </div>
      {confirming && setAction ? (
        <ConfirmDialog
          title={turningOn ? "Block every message?" : "Let the gate decide again?"}
          confirmLabel={turningOn ? "Turn on and block everything" : "Turn off"}
          pendingLabel="Saving…"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await setAction(orgSlug, { on: turningOn, ...(reason.trim() ? { reason } : {}) });
            if (!result.ok) return result.error;
            setConfirming(false);
            setReason("");
            router.refresh();
            return null;
          }}
        >
          <p>
            {turningOn
              ? "Every message of this organization will be blocked at the gate — new ones, and those already scheduled " +
                "when they come due — until an owner turns the switch off. Each blocked message is on the record."
              : "Messages will pass through the gate's seven checks again. Those blocked while the switch was on are not " +
                "sent again by themselves."}
          </p>
          <label htmlFor="kill-switch-reason" className="mt-3 block font-medium text-slate-700">
            Reason (kept in the audit trail)
          </label>
          <input
            id="kill-switch-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={500}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

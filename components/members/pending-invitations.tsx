"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/security/confirm-button";
import { DataTable } from "@/components/ui/data-table";
import { StatusMessage, type Status } from "@/components/ui/status-message";
import type { ActionResult } from "@/lib/http/action-result";
import type { TInvitationView } from "@/lib/members/member-view";
import { StepUpNeeded } from "./step-up-needed";

type InvitationAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ email: string }>>;
type Props = {
  orgSlug: string;
  invitations: TInvitationView[];
  resendAction: InvitationAction;
  revokeAction: InvitationAction;
};

/** UTC to the minute, as the rest of the panel shows times (the same on the server and in the browser). */
const utc = (date: Date) => `${new Date(date).toISOString().replace("T", " ").slice(0, 16)} UTC`;
const column = createColumnHelper<TInvitationView>();
const muted = { cellClassName: "text-slate-600" };

/** Invitations not yet accepted or revoked; expired ones are marked and can be sent again. */
export function PendingInvitations({ orgSlug, invitations, resendAction, revokeAction }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<(NonNullable<Status> & { stepUp?: boolean }) | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (action: InvitationAction, invitation: TInvitationView, done: string) =>
    startTransition(async () => {
      const result = await action(orgSlug, { invitationId: invitation.id });
      setMessage(
        result.ok
          ? { ok: true, text: `${done} ${invitation.email}.` }
          : { ok: false, text: result.error, stepUp: result.code === "step_up_required" },
      );
      if (result.ok) router.refresh();
    });

  const columns = [
    column.accessor("email", { header: "Email", meta: { cellClassName: "font-medium" } }),
    column.accessor("role", { header: "Role", cell: (info) => info.getValue().toLowerCase(), meta: muted }),
    column.accessor("invitedBy", {
      header: "Invited by",
      meta: muted,
      cell: (info) => <span title={info.getValue().email}>{info.getValue().name}</span>,
    }),
    column.accessor("lastSentAt", {
      header: "Sent",
      cell: (info) => utc(info.getValue()),
      meta: { cellClassName: "tabular-nums text-slate-600" },
    }),
    column.accessor("expiresAt", {
      header: "Expires",
      meta: { cellClassName: "tabular-nums" },
      cell: ({ row: { original: invitation } }) =>
        invitation.expired ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">Expired</span>
        ) : (
          utc(invitation.expiresAt)
        ),
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { cellClassName: "space-x-2 whitespace-nowrap text-right" },
      cell: ({ row: { original: invitation } }) => (
        <>
          <button
            type="button"
            disabled={pending}
            aria-label={`Resend the invitation to ${invitation.email}`}
            onClick={() => run(resendAction, invitation, "Sent a new invitation link to")}
            className={
              "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 " +
              "hover:bg-slate-50 disabled:opacity-60"
            }
          >
            Resend
          </button>
          <ConfirmButton
            label="Revoke"
            ariaLabel={`Revoke the invitation to ${invitation.email}`}
            question={`Revoke the invitation to ${invitation.email}?`}
            confirmLabel="Yes, revoke"
            pending={pending}
            onConfirm={() => run(revokeAction, invitation, "Revoked the invitation to")}
          />
        </>
      ),
    }),
  ];

  return (
    <div className="space-y-3">
      <StatusMessage status={message}>
        {message?.stepUp ? <StepUpNeeded orgSlug={orgSlug} what="A new link to become an owner" /> : undefined}
      </StatusMessage>
      <DataTable
        label="Pending invitations"
        data={invitations}
        columns={columns}
        getRowId={(row) => row.id}
        rowTestId="pending-invitation"
        density="roomy"
        empty="No pending invitations."
      />
    </div>
  );
}

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/security/confirm-button";
import { DataTable } from "@/components/ui/data-table";
import { StatusMessage, type Status } from "@/components/ui/status-message";
import type { ActionResult } from "@/lib/http/action-result";
import type { TInvitationView } from "@/lib/members/member-view";
import { CopiedInvitationLink, type CopiedLink } from "./copied-invitation-link";
import { StepUpNeeded } from "./step-up-needed";

type InvitationAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ email: string }>>;
type CopyLinkAction = (orgSlug: string, input: unknown) => Promise<ActionResult<CopiedLink>>;
type Props = {
  orgSlug: string;
  invitations: TInvitationView[];
  /** Whether mail leaves this instance (SMTP_URL); without it a resend only makes a new link to copy. */
  mailSent: boolean;
  resendAction: InvitationAction;
  revokeAction: InvitationAction;
  copyLinkAction: CopyLinkAction;
};

/** UTC to the minute, as the rest of the panel shows times (the same on the server and in the browser). */
const utc = (date: Date) => `${new Date(date).toISOString().replace("T", " ").slice(0, 16)} UTC`;
const column = createColumnHelper<TInvitationView>();
const muted = { cellClassName: "text-slate-600" };

/** Invitations not yet accepted or revoked; expired ones are marked and can be sent again. */
export function PendingInvitations({
  orgSlug,
  invitations,
  mailSent,
  resendAction,
  revokeAction,
  copyLinkAction,
}: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<(NonNullable<Status> & { stepUp?: boolean }) | null>(null);
  const [copied, setCopied] = useState<CopiedLink | null>(null);
  const [pending, startTransition] = useTransition();

  const copyLink = (invitation: TInvitationView) =>
    startTransition(async () => {
      const result = await copyLinkAction(orgSlug, { invitationId: invitation.id });
      setCopied(result.ok ? result.data : null);
      setMessage(result.ok ? null : { ok: false, text: result.error, stepUp: result.code === "step_up_required" });
      if (result.ok) router.refresh();
    });

  const run = (action: InvitationAction, invitation: TInvitationView, done: string) =>
    startTransition(async () => {
      const result = await action(orgSlug, { invitationId: invitation.id });
      setCopied(null);
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
          {invitation.sentByViewer ? (
            <button
              type="button"
              disabled={pending}
              aria-label={`Copy invitation link for ${invitation.email}`}
              title="Makes a new link for you to hand over; any earlier link stops working."
              onClick={() => copyLink(invitation)}
              className={
                "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 " +
                "hover:bg-slate-50 disabled:opacity-60"
              }
            >
              Copy invitation link
            </button>
          ) : null}
          <button
            type="button"
            disabled={pending}
            aria-label={`Resend the invitation to ${invitation.email}`}
            onClick={() =>
              run(
                resendAction,
                invitation,
                mailSent ? "Sent a new invitation link to" : "Made a new link, not mailed (no mail server), for",
              )
            }
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
      {copied ? <CopiedInvitationLink copied={copied} onClose={() => setCopied(null)} /> : null}
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

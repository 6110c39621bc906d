"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/security/confirm-button";
import type { ActionResult } from "@/lib/http/action-result";
import type { TInvitationView } from "@/lib/members/member-view";
import { StepUpNeeded } from "./step-up-needed";

type InvitationAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ email: string }>>;
type Props = { orgSlug: string; invitations: TInvitationView[]; resendAction: InvitationAction; revokeAction: InvitationAction };

/** UTC to the minute, as the rest of the panel shows times (the same on the server and in the browser). */
const utc = (date: Date) => `${new Date(date).toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** Invitations not yet accepted or revoked; expired ones are marked and can be sent again. */
export function PendingInvitations({ orgSlug, invitations, resendAction, revokeAction }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string; stepUp?: boolean } | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (action: InvitationAction, invitation: TInvitationView, done: string) =>
    startTransition(async () => {
      const result = await action(orgSlug, { invitationId: invitation.id });
      setMessage(result.ok ? { ok: true, text: `${done} ${invitation.email}.` } : { ok: false, text: result.error, stepUp: result.code === "step_up_required" });
      if (result.ok) router.refresh();
    });

  if (invitations.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No pending invitations.</p>;
  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {message?.stepUp ? (
          <StepUpNeeded orgSlug={orgSlug} what="A new link to become an owner" />
        ) : message ? (
          <p role={message.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
            {message.text}
          </p>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Pending invitations">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              {["Email", "Role", "Invited by", "Sent", "Expires", ""].map((heading, index) => (
                <th key={index} scope="col" className="px-4 py-2">
                  {heading || <span className="sr-only">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {invitations.map((invitation) => (
              <tr key={invitation.id} data-testid="pending-invitation">
                <td className="px-4 py-2 font-medium">{invitation.email}</td>
                <td className="px-4 py-2 text-slate-600">{invitation.role.toLowerCase()}</td>
                <td className="px-4 py-2 text-slate-600" title={invitation.invitedBy.email}>
                  {invitation.invitedBy.name}
                </td>
                <td className="px-4 py-2 tabular-nums text-slate-600">{utc(invitation.lastSentAt)}</td>
                <td className="px-4 py-2 tabular-nums">
                  {invitation.expired ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">Expired</span> : utc(invitation.expiresAt)}
                </td>
                <td className="space-x-2 whitespace-nowrap px-4 py-2 text-right">
                  <button
                    type="button"
                    disabled={pending}
                    aria-label={`Resend the invitation to ${invitation.email}`}
                    onClick={() => run(resendAction, invitation, "Sent a new invitation link to")}
                    className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

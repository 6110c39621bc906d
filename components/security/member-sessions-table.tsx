"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { TMemberSessionsView } from "@/lib/auth/session-view";
import type { Revoked } from "@/lib/auth/session-view";
import type { ActionResult } from "@/lib/http/action-result";
import type { RoleName } from "@/lib/rbac/permissions";
import { ConfirmButton } from "./confirm-button";

type RevokeAction = (orgSlug: string, input: unknown) => Promise<ActionResult<Revoked>>;
type Props = { orgSlug: string; members: TMemberSessionsView[]; viewer: { userId: string; role: RoleName }; revokeAll: RevokeAction };

/** Why a row has no button; the server enforces the same rules (lib/auth/revoke-sessions.ts). */
function whyNot(member: TMemberSessionsView, viewer: Props["viewer"]): string | null {
  if (member.userId === viewer.userId) return "You: use the section above";
  if (member.role === "OWNER" && viewer.role !== "OWNER") return "Only an owner can";
  if (member.liveSessions === 0) return "—";
  return null;
}

/** Every member of the organization with their live sessions, for owners and admins. */
export function MemberSessionsTable({ orgSlug, members, viewer, revokeAll }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const revoke = (member: TMemberSessionsView) =>
    startTransition(async () => {
      const result = await revokeAll(orgSlug, { userId: member.userId });
      if (!result.ok) {
        setMessage({ ok: false, text: result.error });
        return;
      }
      setMessage({ ok: true, text: `Ended ${result.data.revoked} session${result.data.revoked === 1 ? "" : "s"} of ${member.name}.` });
      router.refresh();
    });

  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {message ? <p role={message.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>{message.text}</p> : null}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Member sessions">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">Member</th>
              <th scope="col" className="px-4 py-2">Role</th>
              <th scope="col" className="px-4 py-2">Live sessions</th>
              <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => {
              const reason = whyNot(member, viewer);
              return (
                <tr key={member.userId} data-testid="member-sessions">
                  <td className="px-4 py-2">
                    <span className="font-medium">{member.name}</span> <span className="text-slate-500">{member.email}</span>
                  </td>
                  <td className="px-4 py-2 text-slate-600">{member.role.toLowerCase()}</td>
                  <td className="px-4 py-2 tabular-nums">{member.liveSessions}</td>
                  <td className="px-4 py-2 text-right text-slate-500">
                    {reason ?? (
                      <ConfirmButton
                        label="Revoke all sessions"
                        ariaLabel={`Revoke all sessions of ${member.name}`}
                        question={`Sign ${member.name} out everywhere?`}
                        confirmLabel="Yes, revoke all"
                        pending={pending}
                        onConfirm={() => revoke(member)}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/guard/org-action";
import type { TMemberRow } from "@/lib/members/list-members";

type Action = (orgSlug: string, input: unknown) => Promise<ActionResult<unknown>>;

export type MemberActionProps = {
  member: TMemberRow;
  orgSlug: string;
  viewerId: string;
  viewerRole: TMemberRow["role"];
  can: { changeRole: boolean; remove: boolean; transfer: boolean };
  changeRole: Action;
  remove: Action;
  leave: Action;
  transfer: Action;
};

/** What the viewer may do to one member: the buttons they lack the permission for are not shown at all. */
export function MemberActions({ member, orgSlug, viewerId, viewerRole, can, changeRole, remove, leave, transfer }: MemberActionProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<"remove" | "leave" | "transfer" | null>(null);
  const [pending, startTransition] = useTransition();
  const self = member.userId === viewerId;
  // Only an owner touches the Owner role (the server checks it again).
  const manageable = !self && (member.role !== "OWNER" || viewerRole === "OWNER");
  const run = (action: Action, input: unknown, after?: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action(orgSlug, input);
      setConfirming(null);
      if (!result.ok) return setError(result.error);
      after ? after() : router.refresh();
    });

  const confirmBar = (question: string, onYes: () => void) => (
    <span className="inline-flex items-center gap-2">
      {question}
      <button type="button" autoFocus disabled={pending} onClick={onYes} className="rounded-md bg-red-600 px-2 py-1 text-white hover:bg-red-700">
        Yes
      </button>
      <button type="button" onClick={() => setConfirming(null)} className="rounded-md px-2 py-1 hover:bg-slate-100">
        Cancel
      </button>
    </span>
  );

  return (
    <div className="flex flex-wrap items-center justify-end gap-2 text-sm">
      {error ? (
        <span role="alert" className="text-red-700">
          {error}{" "}
          {error.startsWith("Confirm it's you") ? (
            <Link className="font-medium underline" href={`/account/step-up?next=/${orgSlug}/members`}>
              Confirm
            </Link>
          ) : null}
        </span>
      ) : null}
      {can.changeRole && manageable ? (
        <label>
          <span className="sr-only">Role of {member.name}</span>
          <select
            value={member.role}
            disabled={pending}
            onChange={(event) => run(changeRole, { userId: member.userId, role: event.target.value })}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            {(["OWNER", "ADMIN", "MEMBER", "AUDITOR"] as const)
              .filter((role) => role !== "OWNER" || viewerRole === "OWNER")
              .map((role) => (
                <option key={role} value={role}>
                  {role.toLowerCase()}
                </option>
              ))}
          </select>
        </label>
      ) : null}
      {confirming === "remove" ? confirmBar(`Remove ${member.name}?`, () => run(remove, { userId: member.userId })) : null}
      {confirming === "transfer" ? confirmBar(`Make ${member.name} the owner?`, () => run(transfer, { userId: member.userId })) : null}
      {confirming === "leave" ? confirmBar("Leave this organization?", () => run(leave, {}, () => router.replace("/"))) : null}
      {!confirming && can.transfer && !self ? (
        <button type="button" onClick={() => setConfirming("transfer")} className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100">
          Transfer ownership
        </button>
      ) : null}
      {!confirming && can.remove && manageable ? (
        <button type="button" onClick={() => setConfirming("remove")} className="rounded-md border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50">
          Remove
        </button>
      ) : null}
      {!confirming && self ? (
        <button type="button" onClick={() => setConfirming("leave")} className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50">
          Leave
        </button>
      ) : null}
    </div>
  );
}

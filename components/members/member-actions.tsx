"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/http/action-result";
import type { TMemberRow } from "@/lib/members/member-view";
import { ROLES } from "@/lib/rbac/permissions";
import { OwnerRoleDialog } from "./owner-role-dialog";
import { RoleChangeDialog } from "./role-change-dialog";
import { StepUpNeeded } from "./step-up-needed";

type Action = (orgSlug: string, input: unknown) => Promise<ActionResult<unknown>>;
type Role = TMemberRow["role"];
type Failure = Pick<ActionFailure, "code" | "error">;
/** A refusal, with what was refused in words (for the step-up notice). */
type Refusal = Failure & { what: string };

export type MemberActionProps = {
  member: TMemberRow;
  orgSlug: string;
  viewerId: string;
  viewerRole: Role;
  /** Whether the viewer's session confirmed its password in the last five minutes (the Owner role needs it). */
  steppedUp: boolean;
  can: { changeRole: boolean; remove: boolean; transfer: boolean };
  /** How many owners the organization has: its last owner cannot leave (the server checks it again). */
  ownerCount: number;
  changeRole: Action;
  remove: Action;
  leave: Action;
  transfer: Action;
};

/**
 * What the viewer may do to one member: the buttons they lack the permission for are not shown at all.
 * A role is chosen, then applied; granting or removing Owner first says what the role allows.
 */
export function MemberActions({
  member,
  orgSlug,
  viewerId,
  viewerRole,
  steppedUp,
  can,
  ownerCount,
  changeRole,
  remove,
  leave,
  transfer,
}: MemberActionProps) {
  const router = useRouter();
  const [failure, setFailure] = useState<Refusal | null>(null);
  const [confirming, setConfirming] = useState<"remove" | "leave" | "transfer" | "owner_role" | "role" | null>(null);
  const [role, setRole] = useState<Role>(member.role);
  const [pending, startTransition] = useTransition();
  const self = member.userId === viewerId;
  // Only an owner touches the Owner role (the server checks it again).
  const manageable = !self && (member.role !== "OWNER" || viewerRole === "OWNER");
  const touchesOwner = role === "OWNER" || member.role === "OWNER";

  const call = async (action: Action, input: unknown, after?: () => void): Promise<Failure | null> => {
    const result = await action(orgSlug, input);
    if (!result.ok) return { code: result.code, error: result.error };
    setConfirming(null);
    after ? after() : router.refresh();
    return null;
  };
  const run = (what: string, action: Action, input: unknown, after?: () => void) =>
    startTransition(async () => {
      setFailure(null);
      const refused = await call(action, input, after);
      setConfirming(null);
      setFailure(refused && { ...refused, what });
    });
  const apply = () => setConfirming(touchesOwner ? "owner_role" : "role");
  const lastOwner = self && member.role === "OWNER" && ownerCount <= 1;

  const confirmBar = (question: string, onYes: () => void) => (
    <span className="inline-flex items-center gap-2">
      {question}
      <button
        type="button"
        autoFocus
        disabled={pending}
        onClick={onYes}
        className="rounded-md bg-red-600 px-2 py-1 text-white hover:bg-red-700"
      >
        Yes
      </button>
      <button type="button" onClick={() => setConfirming(null)} className="rounded-md px-2 py-1 hover:bg-slate-100">
        Cancel
      </button>
    </span>
  );

  return (
    <div className="flex flex-wrap items-center justify-end gap-2 text-sm">
      {failure?.code === "step_up_required" ? (
        <StepUpNeeded orgSlug={orgSlug} what={failure.what} />
      ) : failure ? (
        <span role="alert" className="text-red-700">
          {failure.error}
        </span>
      ) : null}
      {can.changeRole && manageable ? (
        <span className="inline-flex items-center gap-1">
          <label>
            <span className="sr-only">Role of {member.name}</span>
            <select
              value={role}
              disabled={pending}
              onChange={(event) => setRole(event.target.value as Role)}
              className="rounded-md border border-slate-300 px-2 py-1"
            >
              {ROLES.filter((option) => option !== "OWNER" || viewerRole === "OWNER").map((option) => (
                <option key={option} value={option}>
                  {option.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          {role !== member.role ? (
            <button
              type="button"
              disabled={pending}
              onClick={apply}
              className="rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-50"
            >
              Apply<span className="sr-only"> role for {member.name}</span>
            </button>
          ) : null}
        </span>
      ) : null}
      {confirming === "owner_role" ? (
        <OwnerRoleDialog
          orgSlug={orgSlug}
          kind={role === "OWNER" ? "grant" : "revoke"}
          who={member.name}
          newRole={role}
          steppedUp={steppedUp}
          onConfirm={() => call(changeRole, { userId: member.userId, role })}
          onClose={() => setConfirming(null)}
        />
      ) : null}
      {confirming === "role" ? (
        <RoleChangeDialog
          orgSlug={orgSlug}
          who={member.name}
          from={member.role}
          to={role}
          onConfirm={() => call(changeRole, { userId: member.userId, role })}
          onClose={() => setConfirming(null)}
        />
      ) : null}
      {confirming === "remove"
        ? confirmBar(
            `Remove ${member.name}? Their API keys in this organization are revoked at once, they lose access ` +
              "on their next request, and their sessions end if this is their only organization.",
            () =>
              run(member.role === "OWNER" ? "Removing an owner" : "Removing a member", remove, {
                userId: member.userId,
              }),
          )
        : null}
      {confirming === "transfer"
        ? confirmBar(`Make ${member.name} the owner?`, () =>
            run("Transferring ownership", transfer, { userId: member.userId }),
          )
        : null}
      {confirming === "leave"
        ? confirmBar("Leave this organization?", () => run("Leaving", leave, {}, () => router.replace("/")))
        : null}
      {!confirming && can.transfer && !self ? (
        <button
          type="button"
          onClick={() => setConfirming("transfer")}
          className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100"
        >
          Transfer ownership
        </button>
      ) : null}
      {!confirming && can.remove && manageable ? (
        <button
          type="button"
          onClick={() => setConfirming("remove")}
          className="rounded-md border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50"
        >
          Remove
        </button>
      ) : null}
      {!confirming && self ? (
        <>
          <button
            type="button"
            disabled={lastOwner}
            aria-describedby={lastOwner ? `last-owner-${member.userId}` : undefined}
            onClick={() => setConfirming("leave")}
            className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60"
          >
            Leave
          </button>
          {lastOwner ? (
            <span id={`last-owner-${member.userId}`} className="text-xs text-slate-600">
              You are the only owner: make someone else an owner, or transfer ownership, before you leave.
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

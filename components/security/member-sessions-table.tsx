"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DataTable } from "@/components/ui/data-table";
import { StatusMessage, type Status } from "@/components/ui/status-message";
import type { Revoked, TMemberSessionsView } from "@/lib/auth/session-view";
import type { ActionResult } from "@/lib/http/action-result";
import type { RoleName } from "@/lib/rbac/permissions";
import { ConfirmButton } from "./confirm-button";

type RevokeAction = (orgSlug: string, input: unknown) => Promise<ActionResult<Revoked>>;
type Props = {
  orgSlug: string;
  members: TMemberSessionsView[];
  viewer: { userId: string; role: RoleName };
  revokeAll: RevokeAction;
};

const column = createColumnHelper<TMemberSessionsView>();

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
  const [message, setMessage] = useState<Status>(null);
  const [pending, startTransition] = useTransition();

  const revoke = (member: TMemberSessionsView) =>
    startTransition(async () => {
      const result = await revokeAll(orgSlug, { userId: member.userId });
      if (!result.ok) {
        setMessage({ ok: false, text: result.error });
        return;
      }
      setMessage({
        ok: true,
        text: `Ended ${result.data.revoked} session${result.data.revoked === 1 ? "" : "s"} of ${member.name}.`,
      });
      router.refresh();
    });

  const columns = [
    column.accessor("name", {
      header: "Member",
      cell: ({ row: { original: member } }) => (
        <>
          <span className="font-medium">{member.name}</span> <span className="text-slate-500">{member.email}</span>
        </>
      ),
    }),
    column.accessor("role", {
      header: "Role",
      cell: (info) => info.getValue().toLowerCase(),
      meta: { cellClassName: "text-slate-600" },
    }),
    column.accessor("liveSessions", { header: "Live sessions", meta: { cellClassName: "tabular-nums" } }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { cellClassName: "text-right text-slate-500" },
      cell: ({ row: { original: member } }) =>
        whyNot(member, viewer) ?? (
          <ConfirmButton
            label="Revoke all sessions"
            ariaLabel={`Revoke all sessions of ${member.name}`}
            question={`Sign ${member.name} out everywhere?`}
            confirmLabel="Yes, revoke all"
            pending={pending}
            onConfirm={() => revoke(member)}
          />
        ),
    }),
  ];

  return (
    <div className="space-y-3">
      <StatusMessage status={message} />
      <DataTable
        label="Member sessions"
        data={members}
        columns={columns}
        getRowId={(row) => row.userId}
        rowTestId="member-sessions"
        density="roomy"
      />
    </div>
  );
}

"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusMessage } from "@/components/ui/status-message";
import type { TSessionView, Revoked } from "@/lib/auth/session-view";
import type { ActionResult } from "@/lib/http/action-result";
import { ConfirmButton } from "./confirm-button";
import { deviceLabel } from "./device-label";
import { When } from "./when";

type RevokeAction = (orgSlug: string, input: unknown) => Promise<ActionResult<Revoked>>;
type Props = {
  orgSlug: string;
  sessions: TSessionView[];
  now: Date;
  revokeOne: RevokeAction;
  revokeOthers: RevokeAction;
};

const column = createColumnHelper<TSessionView>();
const muted = { cellClassName: "text-slate-600" };
const mono = { cellClassName: "font-mono text-xs text-slate-600" };
const at = { cellClassName: "whitespace-nowrap tabular-nums" };

/** The signed-in person's live sessions, with the one making this request marked. */
export function OwnSessionsTable({ orgSlug, sessions, now, revokeOne, revokeOthers }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const others = sessions.filter((session) => !session.current).length;

  const run = (action: RevokeAction, input: unknown) =>
    startTransition(async () => {
      setError(null);
      const result = await action(orgSlug, input);
      if (!result.ok) {
        setError(result.error);
      } else if (result.data.endedCurrent) {
        // This very session has ended: clear its cookie and go to sign-in.
        await signOut({ callbackUrl: "/signin" });
      } else {
        router.refresh();
      }
    });

  const columns = [
    column.accessor("userAgent", {
      header: "Device",
      cell: ({ row: { original: session } }) => (
        <>
          <span className="font-medium" title={session.userAgent ?? undefined}>
            {deviceLabel(session.userAgent)}
          </span>
          {session.current ? (
            <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700">
              This session
            </span>
          ) : null}
        </>
      ),
    }),
    column.accessor("ip", { header: "IP", cell: (info) => info.getValue() ?? "—", meta: mono }),
    column.accessor("location", { header: "Location", cell: (info) => info.getValue() ?? "—", meta: muted }),
    column.accessor("createdAt", {
      header: "Signed in",
      cell: (info) => <When date={info.getValue()} now={now} />,
      meta: at,
    }),
    column.accessor("lastSeenAt", {
      header: "Last active",
      cell: (info) => <When date={info.getValue()} now={now} />,
      meta: at,
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { cellClassName: "text-right" },
      cell: ({ row: { original: session } }) => (
        <ConfirmButton
          label="Revoke"
          ariaLabel={`${session.current ? "Revoke this session" : "Revoke session"}: ${deviceLabel(session.userAgent)}`}
          question={session.current ? "This signs you out here. Sure?" : "Are you sure?"}
          confirmLabel="Yes, revoke"
          pending={pending}
          onConfirm={() => run(revokeOne, { sessionId: session.id })}
        />
      ),
    }),
  ];

  return (
    <div className="space-y-3">
      <StatusMessage status={error ? { ok: false, text: error } : null} />
      <DataTable
        label="Your sessions"
        data={sessions}
        columns={columns}
        getRowId={(row) => row.id}
        rowTestId="own-session"
        density="roomy"
      />
      {others === 0 ? (
        <EmptyState testId="no-other-sessions">No other sessions: you are signed in only here.</EmptyState>
      ) : (
        <ConfirmButton
          label="Sign out all other sessions"
          question={`End ${others} other session${others === 1 ? "" : "s"}?`}
          confirmLabel="Yes, sign them out"
          pending={pending}
          onConfirm={() => run(revokeOthers, {})}
        />
      )}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import type { TSessionView } from "@/lib/auth/session-view";
import type { Revoked } from "@/lib/auth/session-view";
import type { ActionResult } from "@/lib/http/action-result";
import { ConfirmButton } from "./confirm-button";
import { deviceLabel } from "./device-label";
import { When } from "./when";

type RevokeAction = (orgSlug: string, input: unknown) => Promise<ActionResult<Revoked>>;
type Props = { orgSlug: string; sessions: TSessionView[]; now: Date; revokeOne: RevokeAction; revokeOthers: RevokeAction };

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

  return (
    <div className="space-y-3">
      <div aria-live="polite">{error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}</div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Your sessions">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              {["Device", "IP", "Location", "Signed in", "Last active", ""].map((heading, index) => (
                <th key={index} scope="col" className="px-4 py-2">
                  {heading || <span className="sr-only">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((session) => (
              <tr key={session.id} data-testid="own-session">
                <td className="px-4 py-2">
                  <span className="font-medium" title={session.userAgent ?? undefined}>
                    {deviceLabel(session.userAgent)}
                  </span>
                  {session.current ? <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700">This session</span> : null}
                </td>
                <td className="px-4 py-2 font-mono text-xs text-slate-600">{session.ip ?? "—"}</td>
                <td className="px-4 py-2 text-slate-600">{session.location ?? "—"}</td>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums"><When date={session.createdAt} now={now} /></td>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums"><When date={session.lastSeenAt} now={now} /></td>
                <td className="px-4 py-2 text-right">
                  <ConfirmButton
                    label="Revoke"
                    ariaLabel={`${session.current ? "Revoke this session" : "Revoke session"}: ${deviceLabel(session.userAgent)}`}
                    question={session.current ? "This signs you out here. Sure?" : "Are you sure?"}
                    confirmLabel="Yes, revoke"
                    pending={pending}
                    onConfirm={() => run(revokeOne, { sessionId: session.id })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500" data-testid="no-other-sessions">
          No other sessions: you are signed in only here.
        </p>
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

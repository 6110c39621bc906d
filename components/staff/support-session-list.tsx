"use client";

import Link from "next/link";
import { StatusMessage } from "@/components/ui/status-message";
import type { ActionResult } from "@/lib/http/action-result";
import type { SupportSessionView } from "@/lib/staff/support-session-rules";
import { timeLeft, useSessionAction } from "./use-session-action";

type SessionAction = (input: unknown) => Promise<ActionResult<unknown>>;
type Props = {
  sessions: SupportSessionView[];
  actions: { start: SessionAction; renew: SessionAction; end: SessionAction };
  now: string;
};

const STATE_TEXT = {
  pending: "Waiting for an owner's approval",
  approved: "Approved: start when ready",
  active: "Active",
  expired: "Expired",
  ended: "Ended",
} as const;

const button =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-50";

/** The staff member's own support sessions, with what each one allows next. */
export function SupportSessionList({ sessions, actions, now }: Props) {
  const { status, pending, run } = useSessionAction();
  if (sessions.length === 0) return <p className="text-sm text-slate-500">No support sessions yet.</p>;
  const nowMs = Date.parse(now);
  return (
    <section aria-labelledby="support-sessions-heading" className="space-y-3">
      <h2 id="support-sessions-heading" className="text-lg font-semibold">
        Your support sessions
      </h2>
      <StatusMessage status={status} />
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {sessions.map((session) => {
          const input = { sessionId: session.id };
          const open = session.state === "pending" || session.state === "approved" || session.state === "active";
          return (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium">
                  {session.orgName} <span className="text-slate-500">({session.orgSlug})</span>
                </p>
                <p className="truncate text-slate-600">{session.justification}</p>
                <p className="text-xs text-slate-500">
                  {STATE_TEXT[session.state]}
                  {session.state === "active" ? ` · ${timeLeft(session.expiresAt, nowMs)}` : ""}
                </p>
              </div>
              <div className="flex items-center gap-2">
                {session.state === "approved" ? (
                  <button
                    className={button}
                    disabled={pending}
                    onClick={() => run(() => actions.start(input), "Started.")}
                  >
                    Start session
                  </button>
                ) : null}
                {session.state === "active" ? (
                  <>
                    <Link href={`/${session.orgSlug}`} className="text-xs font-medium text-brand-600 hover:underline">
                      Open {session.orgSlug}
                    </Link>
                    <button
                      className={button}
                      disabled={pending}
                      onClick={() => run(() => actions.renew(input), "Renewed for an hour.")}
                    >
                      Renew
                    </button>
                  </>
                ) : null}
                {open ? (
                  <button className={button} disabled={pending} onClick={() => run(() => actions.end(input), "Ended.")}>
                    End session
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

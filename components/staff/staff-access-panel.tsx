"use client";

import { StatusMessage } from "@/components/ui/status-message";
import type { ActionResult } from "@/lib/http/action-result";
import type { SupportSessionView } from "@/lib/staff/support-session-rules";
import { timeLeft, useSessionAction } from "./use-session-action";

type OrgSessionAction = (orgSlug: string, input: unknown) => Promise<ActionResult<unknown>>;
type Props = {
  orgSlug: string;
  approvalRequired: boolean;
  sessions: SupportSessionView[];
  now: string;
  actions: { approve: OrgSessionAction; endNow: OrgSessionAction; updatePolicy: OrgSessionAction };
};

const button =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-50";

/** The owners' side of support mode: the approval policy, pending requests, and sessions to end at once. */
export function StaffAccessPanel({ orgSlug, approvalRequired, sessions, now, actions }: Props) {
  const { status, pending, run } = useSessionAction();
  const togglePolicy = () =>
    run(
      () => actions.updatePolicy(orgSlug, { approvalRequired: !approvalRequired }),
      approvalRequired ? "Verity staff no longer need an approval." : "Verity staff now need an owner's approval.",
    );
  return (
    <div className="space-y-3">
      <StatusMessage status={status} />
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <p>
          {approvalRequired
            ? "An owner must approve each request before Verity staff can open this organization."
            : "Verity staff can open this organization read-only with a justification; owners are mailed when they do."}
        </p>
        <button type="button" className={button} disabled={pending} onClick={togglePolicy}>
          {approvalRequired ? "Stop requiring approval" : "Require an owner's approval"}
        </button>
      </div>
      {sessions.length === 0 ? (
        <p className="text-sm text-slate-500">No pending requests or open support sessions.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {sessions.map((session) => {
            const input = { sessionId: session.id };
            return (
              <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">{session.staffEmail}</p>
                  <p className="text-slate-600">{session.justification}</p>
                  <p className="text-xs text-slate-500">
                    {session.state === "pending" ? "Waiting for your approval" : null}
                    {session.state === "approved" ? "Approved, not started yet" : null}
                    {session.state === "active" ? `Active · ${timeLeft(session.expiresAt, Date.parse(now))}` : null}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {session.state === "pending" ? (
                    <button
                      className={button}
                      disabled={pending}
                      onClick={() => run(() => actions.approve(orgSlug, input), "Approved.")}
                    >
                      Approve
                    </button>
                  ) : null}
                  <button
                    className={button}
                    disabled={pending}
                    onClick={() => run(() => actions.endNow(orgSlug, input), "Ended.")}
                  >
                    {session.state === "pending" ? "Decline" : "End now"}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

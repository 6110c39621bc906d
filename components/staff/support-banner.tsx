"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { timeLeft } from "./use-session-action";

type Props = {
  orgName: string;
  support: { sessionId: string; expiresAt: string; justification: string };
  endAction: (input: unknown) => Promise<ActionResult<unknown>>;
};

/** On every page of an organization opened in support mode: read-only, the time left, and a way out. */
export function SupportBanner({ orgName, support, endAction }: Props) {
  const router = useRouter();
  const [now, setNow] = useState(() => Date.now());
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const end = () =>
    startTransition(async () => {
      const result = await endAction({ sessionId: support.sessionId });
      if (!result.ok) return setError(result.error);
      router.push("/staff");
    });
  return (
    <div
      role="region"
      aria-label="Support mode"
      className="border-b border-amber-300 bg-amber-50"
      data-testid="support-banner"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-2 text-sm text-amber-900">
        <p>
          <strong>Support mode</strong>: you are viewing {orgName} read-only as Verity staff ·{" "}
          <span className="tabular-nums">{timeLeft(support.expiresAt, now)}</span> · every page is in the
          customer&apos;s audit trail.
        </p>
        <div className="flex items-center gap-3">
          {error ? <span role="alert">{error}</span> : null}
          <button
            type="button"
            onClick={end}
            disabled={pending}
            className="rounded-md border border-amber-400 bg-white px-2.5 py-1 text-xs font-medium hover:bg-amber-100 disabled:opacity-50"
          >
            End support session
          </button>
        </div>
      </div>
    </div>
  );
}

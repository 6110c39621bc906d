"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action-result";

type AlertAction = (orgSlug: string, input: unknown) => Promise<ActionResult<unknown>>;
export type AlertActions = { acknowledge: AlertAction; resolve: AlertAction };

/** Acknowledge (open alerts) and resolve; the page reloads its list after each. */
export function AlertRowActions({
  orgSlug,
  alertId,
  status,
  actions,
}: {
  orgSlug: string;
  alertId: string;
  status: string;
  actions: AlertActions;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: AlertAction) =>
    startTransition(async () => {
      const result = await action(orgSlug, { alertId });
      if (result.ok) {
        setError(null);
        router.refresh();
      } else setError(result.error);
    });
  const button =
    "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "open" ? (
        <button type="button" className={button} disabled={pending} onClick={() => run(actions.acknowledge)}>
          Acknowledge
        </button>
      ) : null}
      <button type="button" className={button} disabled={pending} onClick={() => run(actions.resolve)}>
        Resolve
      </button>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

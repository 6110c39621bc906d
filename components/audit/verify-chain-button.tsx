"use client";

import { ArchivedThrough } from "./archived-through";
import { CheckedCheckpoint } from "./checked-checkpoint";
import { useState, useTransition } from "react";
import type { VerificationView } from "@/lib/audit/verification-view";
import type { ActionResult } from "@/lib/http/action-result";

type VerifyAction = (orgSlug: string, input: unknown) => Promise<ActionResult<VerificationView>>;

export function VerifyChainButton({ orgSlug, verifyAction }: { orgSlug: string; verifyAction: VerifyAction }) {
  const [result, setResult] = useState<ActionResult<VerificationView> | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => startTransition(async () => setResult(await verifyAction(orgSlug, {})))}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Verifying…" : "Verify chain"}
      </button>
      <div aria-live="polite" className="text-sm">
        {result && !result.ok ? <p className="text-red-700">{result.error}</p> : null}
        {result && result.ok && result.data.ok ? (
          <p className="text-emerald-700" data-testid="verify-result">
            Chain intact: {result.data.checked} entries checked, head #{result.data.headSeq}.
          </p>
        ) : null}
        {result && result.ok && !result.data.ok ? (
          <p className="text-red-700" data-testid="verify-result">
            Chain broken at #{result.data.firstBad?.seq}: {result.data.firstBad?.detail}
          </p>
        ) : null}
        {result && result.ok ? (
          <>
            <CheckedCheckpoint checkpoint={result.data.checkpoint} intact={result.data.ok} className="text-slate-600" />
            <ArchivedThrough
              seq={result.data.archivedThrough}
              archive={result.data.archive}
              className="text-slate-600"
            />
          </>
        ) : null}
      </div>
    </div>
  );
}

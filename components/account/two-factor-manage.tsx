"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";
import { RecoveryCodes } from "./recovery-codes";

type Actions = {
  regenerate: (input: unknown) => Promise<ActionResult<{ recoveryCodes: string[] }>>;
  disable: (input: unknown) => Promise<ActionResult<{ disabled: boolean }>>;
};

const STEP_UP_HINT = "Confirm it's you";

/** Recovery-code regeneration and turning 2FA off, both behind step-up and a confirmation. */
export function TwoFactorManage({ actions }: { actions: Actions }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const [pending, startTransition] = useTransition();

  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;

  const run = <T,>(action: () => Promise<ActionResult<T>>, done: (data: T) => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (result.ok) done(result.data);
      else setError(result.error);
    });

  return (
    <div className="space-y-4">
      <FormError message={error} />
      {error?.startsWith(STEP_UP_HINT) ? (
        <Link
          href="/account/step-up?next=/account/two-factor"
          className="text-sm font-medium text-brand-600 hover:underline"
        >
          Re-enter your password and a code
        </Link>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            run(
              () => actions.regenerate({}),
              (data) => setCodes(data.recoveryCodes),
            )
          }
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
        >
          Regenerate recovery codes
        </button>
        {confirmingDisable ? (
          <span className="flex items-center gap-2 text-sm">
            Turn off two-factor authentication?
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                run(
                  () => actions.disable({}),
                  () => router.refresh(),
                )
              }
              className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-700 disabled:opacity-60"
            >
              Yes, turn it off
            </button>
            <button
              type="button"
              onClick={() => setConfirmingDisable(false)}
              className="rounded-md px-2 py-1.5 hover:bg-slate-100"
            >
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            onClick={() => setConfirmingDisable(true)}
            className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50"
          >
            Turn off
          </button>
        )}
      </div>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError, FormField } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";
import type { TSecurityPolicy } from "@/lib/orgs/security-policy-view";

type SaveAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ changed: string[] }>>;

/** The owner's security policy form: second factor for everyone, and tighter session limits. */
export function SecurityPolicyForm({ orgSlug, policy, saveAction }: { orgSlug: string; policy: TSecurityPolicy; saveAction: SaveAction }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  // onSubmit rather than a form action: React resets a form after its action, wiping what was typed.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      requireMfa: form.get("requireMfa") === "on",
      sessionIdleMinutes: String(form.get("sessionIdleMinutes") ?? ""),
      sessionAbsoluteHours: String(form.get("sessionAbsoluteHours") ?? ""),
    };
    setError(null);
    setSaved(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await saveAction(orgSlug, input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setSaved(result.data.changed.length ? "Security policy saved." : "Nothing changed.");
      router.refresh();
    });
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-6" noValidate>
      <FormError message={error} />
      <div className="flex items-start gap-3">
        <input id="requireMfa" name="requireMfa" type="checkbox" defaultChecked={policy.requireMfa} className="mt-1 h-4 w-4" aria-describedby="requireMfa-hint" />
        <div>
          <label htmlFor="requireMfa" className="text-sm font-medium text-slate-700">
            Require two-factor authentication for every member
          </label>
          <p id="requireMfa-hint" className="text-xs text-slate-500">
            Members sign in with a second factor, so a stolen password alone is not enough.
          </p>
        </div>
      </div>
      <FormField
        name="sessionIdleMinutes"
        label="Sign out after inactivity (minutes)"
        type="number"
        defaultValue={String(policy.sessionIdleMinutes)}
        hint="5 to 30 minutes. Shorter limits the use of an unattended, unlocked screen."
        errors={fieldErrors.sessionIdleMinutes}
      />
      <FormField
        name="sessionAbsoluteHours"
        label="Maximum session length (hours)"
        type="number"
        defaultValue={String(policy.sessionAbsoluteHours)}
        hint="1 to 12 hours, whatever the activity. Shorter limits how long a stolen session cookie works."
        errors={fieldErrors.sessionAbsoluteHours}
      />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save policy"}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {saved}
        </p>
      </div>
    </form>
  );
}

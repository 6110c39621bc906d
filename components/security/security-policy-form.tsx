"use client";

import { useRouter } from "next/navigation";
import { FormError, FormField } from "@/components/ui/form-field";
import { SaveBar, useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";
import type { TSecurityPolicy } from "@/lib/orgs/security-policy-view";

type SaveAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ changed: string[] }>>;

/** The session limits, as number fields. */
const LIMITS = [
  {
    name: "sessionIdleMinutes",
    label: "Sign out after inactivity (minutes)",
    hint: "5 to 30 minutes. Shorter limits the use of an unattended, unlocked screen.",
  },
  {
    name: "sessionAbsoluteHours",
    label: "Maximum session length (hours)",
    hint: "1 to 12 hours, whatever the activity. Shorter limits how long a stolen session cookie works.",
  },
] as const;

/** The owner's security policy form: second factor for everyone, and tighter session limits. */
export function SecurityPolicyForm({
  orgSlug,
  policy,
  saveAction,
}: {
  orgSlug: string;
  policy: TSecurityPolicy;
  saveAction: SaveAction;
}) {
  const router = useRouter();
  const { submit, error, saved, fieldErrors, pending } = useSaveForm({
    read: (form) => ({
      requireMfa: form.get("requireMfa") === "on",
      ...Object.fromEntries(LIMITS.map(({ name }) => [name, String(form.get(name) ?? "")])),
    }),
    save: (input) => saveAction(orgSlug, input),
    onSaved: ({ changed }) => {
      router.refresh();
      return changed.length ? "Security policy saved." : "Nothing changed.";
    },
  });

  return (
    <form
      method="post"
      onSubmit={submit}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-6"
      noValidate
    >
      <FormError message={error} />
      <div className="flex items-start gap-3">
        <input
          id="requireMfa"
          name="requireMfa"
          type="checkbox"
          defaultChecked={policy.requireMfa}
          className="mt-1 h-4 w-4"
          aria-describedby="requireMfa-hint"
        />
        <div>
          <label htmlFor="requireMfa" className="text-sm font-medium text-slate-700">
            Require two-factor authentication for every member
          </label>
          <p id="requireMfa-hint" className="text-xs text-slate-500">
            Members sign in with a second factor, so a stolen password alone is not enough.
          </p>
        </div>
      </div>
      {LIMITS.map(({ name, label, hint }) => (
        <FormField
          key={name}
          name={name}
          label={label}
          type="number"
          hint={hint}
          defaultValue={String(policy[name])}
          errors={fieldErrors[name]}
        />
      ))}
      <SaveBar pending={pending} label="Save policy" saved={saved} />
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { FormError, FormField } from "@/components/ui/form-field";
import { SaveBar, useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";
import { MFA_GRACE_DAYS, type TSecurityPolicy } from "@/lib/orgs/security-policy-view";

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
  /** requireMfaFrom: when a requirement that is on starts to bite (ISO), null for at once. */
  policy: TSecurityPolicy & { requireMfaFrom: string | null };
  saveAction: SaveAction;
}) {
  const router = useRouter();
  const { submit, error, saved, fieldErrors, pending } = useSaveForm({
    read: (form) => ({
      requireMfa: form.get("requireMfa") === "on",
      mfaGraceDays: String(form.get("mfaGraceDays") ?? "0"),
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
          {policy.requireMfa ? (
            <p className="mt-1 text-xs text-slate-700" data-testid="mfa-grace">
              {policy.requireMfaFrom
                ? `Members without it keep access until ${policy.requireMfaFrom.slice(0, 16).replace("T", " ")} UTC.`
                : "In force: members without it are sent to set it up."}
            </p>
          ) : (
            <div className="mt-2">
              <label htmlFor="mfaGraceDays" className="block text-xs font-medium text-slate-700">
                Grace period when turned on
              </label>
              <select
                id="mfaGraceDays"
                name="mfaGraceDays"
                defaultValue="7"
                className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
              >
                {MFA_GRACE_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {days === 0 ? "None: at once" : `${days} day${days === 1 ? "" : "s"}`}
                  </option>
                ))}
              </select>
            </div>
          )}
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

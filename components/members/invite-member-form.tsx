"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FormError, FormField } from "@/components/auth/form-field";
import type { ActionResult } from "@/lib/guard/org-action";
import type { RoleName } from "@/lib/rbac/permissions";

type Invited = { invitationId: string; email: string; role: RoleName; expiresAt: Date };
export type InviteAction = (orgSlug: string, input: unknown) => Promise<ActionResult<Invited>>;
type Props = {
  orgSlug: string;
  /** The roles the viewer may hand out (an admin cannot invite an owner); the server enforces the same rule. */
  assignableRoles: readonly RoleName[];
  inviteAction: InviteAction;
};

const ROLE_LABELS: Record<RoleName, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", AUDITOR: "Auditor" };

/** Invite someone by email with a role; they get a link valid for 7 days. */
export function InviteMemberForm({ orgSlug, assignableRoles, inviteAction }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [sent, setSent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const defaultRole = assignableRoles.includes("MEMBER") ? "MEMBER" : assignableRoles[0];

  // onSubmit rather than a form action: React resets a form after its action, wiping the input on an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const input = { email: String(formData.get("email") ?? ""), role: String(formData.get("role") ?? "") };
    setError(null);
    setFieldErrors({});
    setSent(null);
    startTransition(async () => {
      const result = await inviteAction(orgSlug, input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setSent(`Invitation sent to ${result.data.email} as ${result.data.role.toLowerCase()}.`);
      formRef.current?.reset();
      router.refresh();
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" noValidate aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite a member
      </h2>
      <div aria-live="polite">
        {sent ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {sent}
          </p>
        ) : null}
      </div>
      <FormError message={error} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <FormField name="email" label="Email address" type="email" autoComplete="off" errors={fieldErrors.email} />
        <div className="space-y-1">
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <select
            id="invite-role"
            name="role"
            defaultValue={defaultRole}
            aria-invalid={fieldErrors.role?.length ? true : undefined}
            aria-describedby={fieldErrors.role?.length ? "invite-role-error" : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none"
          >
            {assignableRoles.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          {fieldErrors.role?.length ? (
            <p id="invite-role-error" role="alert" className="text-xs text-red-600">
              {fieldErrors.role.join(" ")}
            </p>
          ) : null}
        </div>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Sending invitation…" : "Send invitation"}
      </button>
    </form>
  );
}

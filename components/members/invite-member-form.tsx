"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FormError, FormField } from "@/components/ui/form-field";
import type { ActionFailure, ActionResult } from "@/lib/http/action-result";
import type { RoleName } from "@/lib/rbac/permissions";
import { OwnerRoleDialog } from "./owner-role-dialog";
import { StepUpNeeded } from "./step-up-needed";

type Invited = { invitationId: string; email: string; role: RoleName; expiresAt: Date };
export type InviteAction = (orgSlug: string, input: unknown) => Promise<ActionResult<Invited>>;
type Props = {
  orgSlug: string;
  /** The roles the viewer may hand out (an admin cannot invite an owner); the server enforces the same rule. */
  assignableRoles: readonly RoleName[];
  /** Whether the viewer's session confirmed its password in the last five minutes (inviting an owner needs it). */
  steppedUp: boolean;
  /** Whether mail leaves this instance (SMTP_URL): otherwise the invitation waits for its link to be copied. */
  mailSent: boolean;
  inviteAction: InviteAction;
};
type Input = { email: string; role: string };

const ROLE_LABELS: Record<RoleName, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", AUDITOR: "Auditor" };

/** Invite someone by email with a role; they get a link valid for 7 days. Inviting an owner asks first. */
export function InviteMemberForm({ orgSlug, assignableRoles, steppedUp, mailSent, inviteAction }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<Pick<ActionFailure, "code" | "error"> | null>(null);
  const [confirmingOwner, setConfirmingOwner] = useState<Input | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [sent, setSent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const defaultRole = assignableRoles.includes("MEMBER") ? "MEMBER" : assignableRoles[0];

  /** Sends the invitation; answers the refusal, or null once it is sent. */
  async function invite(input: Input): Promise<Pick<ActionFailure, "code" | "error"> | null> {
    const result = await inviteAction(orgSlug, input);
    if (!result.ok) {
      setFieldErrors(result.fieldErrors ?? {});
      return { code: result.code, error: result.error };
    }
    setConfirmingOwner(null);
    const invited = `${result.data.email} as ${result.data.role.toLowerCase()}`;
    setSent(
      mailSent
        ? `Invitation sent to ${invited}.`
        : `Invitation created for ${invited}. Mail is not configured, so nothing was sent: ` +
            "copy its link from the pending invitations below and hand it over yourself.",
    );
    formRef.current?.reset();
    router.refresh();
    return null;
  }

  // onSubmit rather than a form action: React resets a form after its action, wiping the input on an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const input = { email: String(formData.get("email") ?? ""), role: String(formData.get("role") ?? "") };
    setError(null);
    setFieldErrors({});
    setSent(null);
    if (input.role === "OWNER") return setConfirmingOwner(input);
    startTransition(async () => setError(await invite(input)));
  }

  return (
    <>
      <form
        ref={formRef}
        method="post"
        onSubmit={submit}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
        noValidate
        aria-labelledby="invite-heading"
      >
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
        {error?.code === "step_up_required" ? (
          <StepUpNeeded orgSlug={orgSlug} what="Inviting an owner" />
        ) : (
          <FormError message={error?.error ?? null} />
        )}
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
              className={
                "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm " +
                "focus:border-brand-600 focus:outline-none"
              }
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
      {confirmingOwner ? (
        <OwnerRoleDialog
          orgSlug={orgSlug}
          kind="invite"
          who={confirmingOwner.email || "this address"}
          steppedUp={steppedUp}
          onConfirm={async () => {
            const refused = await invite(confirmingOwner);
            // A refusal about the address or the role belongs next to its field, on the form.
            if (refused && refused.code !== "step_up_required") {
              setConfirmingOwner(null);
              setError(refused);
              return null;
            }
            return refused;
          }}
          onClose={() => setConfirmingOwner(null)}
        />
      ) : null}
    </>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";

type AcceptAction = (input: unknown) => Promise<ActionResult<{ orgSlug: string }>>;

/** The signed-in invitee's one button. Their role may then require 2FA enrolment: the org layout sends them there. */
export function JoinOrganization({
  token,
  orgName,
  acceptAction,
}: {
  token: string;
  orgName: string;
  acceptAction: AcceptAction;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const join = () =>
    startTransition(async () => {
      setError(null);
      const result = await acceptAction({ token });
      if (!result.ok) return setError(result.error);
      router.replace(`/${result.data.orgSlug}`);
      router.refresh();
    });
  return (
    <div className="space-y-4">
      <FormError message={error} />
      <button
        type="button"
        onClick={join}
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Joining…" : `Join ${orgName}`}
      </button>
    </div>
  );
}

/** A link forwarded to, or opened by, the wrong account: only the invited address may accept. */
export function SignedInAsSomeoneElse({
  invitedEmail,
  signedInEmail,
  returnTo,
}: {
  invitedEmail: string;
  signedInEmail: string;
  returnTo: string;
}) {
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-4">
      <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        This invitation is for <strong>{invitedEmail}</strong>, but you are signed in as{" "}
        <strong>{signedInEmail}</strong>. Sign out to accept it as {invitedEmail}: you come back to this page.
      </p>
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: returnTo });
        }}
        className={
          "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 " +
          "hover:bg-slate-50 disabled:opacity-60"
        }
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </div>
  );
}

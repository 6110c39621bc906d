"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";
import { useGrantSignIn } from "./use-grant-sign-in";

type SignUpAnswer =
  { status: "signed_in"; orgSlug: string; grant: string } | { status: "confirm_email"; email: string };
type SignUpAction = (input: unknown) => Promise<ActionResult<SignUpAnswer>>;
/** How mail leaves this instance: by SMTP, or not at all (it waits in the outbox, maybe shown at /outbox). */
export type MailDelivery = { sent: boolean; outboxPage: boolean };

/** The same answer for a new address and one that has an account: the mail tells them apart. */
function CheckYourEmail({ email, mail }: { email: string; mail: MailDelivery }) {
  return (
    <div className="space-y-4">
      {/* Without a mail server nothing went out: the page must not say it did. */}
      <h1 className="text-lg font-semibold">{mail.sent ? "Check your email" : "Confirm your email address"}</h1>
      <p role="status" className="text-sm text-slate-700">
        {mail.sent ? (
          <>
            We&apos;ve sent a message to <strong>{email}</strong>.
          </>
        ) : (
          <>
            A message for <strong>{email}</strong> is waiting in this Verity&apos;s outbox: it was not sent.
          </>
        )}{" "}
        Open the link in it to confirm your address, then sign in: it works once, for 24 hours. If this address already
        has an account, the message tells you how to sign in instead.
      </p>
      {mail.sent ? null : (
        <p data-testid="outbox-notice" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This Verity has no mail server configured (<code>SMTP_URL</code>), so the message waits in its outbox: whoever
          runs it reads the link with <code>npx verity outbox</code>
          {mail.outboxPage ? (
            <>
              {" "}
              or on the{" "}
              <Link href="/outbox" className="font-medium underline">
                outbox page
              </Link>
            </>
          ) : null}
          .
        </p>
      )}
      <Link href="/signin" className="block text-center text-sm font-medium text-brand-600 hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}

export function SignUpForm({ signUpAction, mail }: { signUpAction: SignUpAction; mail: MailDelivery }) {
  const router = useRouter();
  const enterWithGrant = useGrantSignIn();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { submit, error, fieldErrors, pending } = useSaveForm({
    read: (formData) => {
      const fields = ["name", "email", "password", "organizationName"];
      const input = Object.fromEntries(fields.map((key) => [key, String(formData.get(key) ?? "")]));
      if (!input.organizationName) delete input.organizationName;
      return input;
    },
    save: signUpAction,
    onSaved: async (data) => {
      if (data.status === "confirm_email") setSentTo(data.email);
      else if (!(await enterWithGrant(data.grant, `/${data.orgSlug}`))) router.replace("/signin");
      return null;
    },
  });

  if (sentTo) return <CheckYourEmail email={sentTo} mail={mail} />;

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Create your account</h1>
      <FormError message={error} />
      <FormField name="name" label="Your name" autoComplete="name" errors={fieldErrors.name} />
      <FormField name="email" label="Work email" type="email" autoComplete="email" errors={fieldErrors.email} />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        errors={fieldErrors.password}
      />
      <FormField
        name="organizationName"
        label="Organization name"
        autoComplete="organization"
        required={false}
        hint="Optional: you can rename it later."
        errors={fieldErrors.organizationName}
      />
      <p className="text-sm text-slate-600" data-testid="two-factor-notice">
        You will own your organization, and owners set up an authenticator app (a second factor) before they see the
        dashboard: have one ready on your phone.
      </p>
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating your account…" />
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useGrantSignIn } from "./use-grant-sign-in";
import type { ActionResult } from "@/lib/guard/org-action";
import { FormError, FormField, SubmitButton } from "./form-field";

type SignUpAction = (input: unknown) => Promise<ActionResult<{ orgSlug: string; grant: string }>>;

export function SignUpForm({ signUpAction }: { signUpAction: SignUpAction }) {
  const router = useRouter();
  const enterWithGrant = useGrantSignIn();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  // onSubmit rather than a form action: React resets a form after its action, which would wipe what
  // the person typed whenever we answer with an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const input = Object.fromEntries(["name", "email", "password", "organizationName"].map((key) => [key, String(formData.get(key) ?? "")]));
    if (!input.organizationName) delete input.organizationName;
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await signUpAction(input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      if (!(await enterWithGrant(result.data.grant, `/${result.data.orgSlug}`))) router.replace("/signin");
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
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

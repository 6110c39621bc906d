"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormError, FormField, SubmitButton } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";
import { RecoveryCodes } from "./recovery-codes";

type Actions = {
  start: (input: unknown) => Promise<ActionResult<{ qrSvg: string; secret: string; uri: string }>>;
  confirm: (input: unknown) => Promise<ActionResult<{ recoveryCodes: string[] }>>;
};

/** Enrolment: scan (or type) the seed, prove it with a code, then save the recovery codes. */
export function TwoFactorSetup({ actions, next }: { actions: Actions; next: string }) {
  const router = useRouter();
  const [material, setMaterial] = useState<{ qrSvg: string; secret: string; uri: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  // The page checked `next`; checked again where it is followed, so no other caller can slip one through.
  const leave = () => (router.replace(safeRedirectPath(next, window.location.origin)), router.refresh());
  if (codes) return <RecoveryCodes codes={codes} onDone={leave} />;

  if (!material) {
    return (
      <div className="space-y-3">
        <FormError message={error} />
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await actions.start({});
              if (result.ok) setMaterial(result.data);
              else setError(result.error);
            })
          }
          className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Preparing…" : "Set up an authenticator app"}
        </button>
      </div>
    );
  }

  function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setError(null);
    startTransition(async () => {
      const result = await actions.confirm({ code });
      if (result.ok) setCodes(result.data.recoveryCodes);
      else setError(result.fieldErrors?.code?.[0] ?? result.error);
    });
  }

  return (
    <form method="post" onSubmit={confirm} className="max-w-sm space-y-4" noValidate>
      <p className="text-sm text-slate-700">
        1. Scan this code with your authenticator app (1Password, Google Authenticator, Authy…).
      </p>
      <div
        className="w-48 rounded border border-slate-200 bg-white p-2"
        aria-label="QR code for your authenticator app"
        role="img"
        dangerouslySetInnerHTML={{ __html: material.qrSvg }}
      />
      <div className="space-y-2 text-sm text-slate-700">
        <p>Or enter this key by hand (the spaces are only for reading):</p>
        <div className="flex flex-wrap items-center gap-2">
          <code
            data-testid="totp-secret"
            className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm tracking-wide"
          >
            {groupsOfFour(material.secret)}
          </code>
          <button
            type="button"
            onClick={() => void navigator.clipboard.writeText(material.secret).then(() => setCopied(true))}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
          >
            {copied ? "Copied" : "Copy key"}
          </button>
        </div>
        <p>
          On a phone with the app installed:{" "}
          <a href={material.uri} className="font-medium text-brand-700 underline">
            open it in your authenticator app
          </a>
          .
        </p>
      </div>
      <p className="text-sm text-slate-700">2. Enter the 6-digit code the app shows.</p>
      <FormError message={error} />
      <FormField name="code" label="Code from the app" autoComplete="one-time-code" />
      <SubmitButton pending={pending} label="Turn on two-factor authentication" pendingLabel="Checking…" />
    </form>
  );
}

/** A base32 key as apps print it: groups of four, easier to type and to check. */
function groupsOfFour(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

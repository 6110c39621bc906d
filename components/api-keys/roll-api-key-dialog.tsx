"use client";

import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-field";
import { GracePeriodFieldset } from "@/components/ui/grace-period-fieldset";
import { API_KEY_LIMITS, type TApiKeyView } from "@/lib/api-keys/schemas";
import type { ActionResult } from "@/lib/http/action-result";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { maskedKey } from "./format";

export type RolledApiKey = { key: string; apiKey: TApiKeyView; previous: TApiKeyView };
export type RollApiKeyAction = (orgSlug: string, input: unknown) => Promise<ActionResult<RolledApiKey>>;
type Props = { orgSlug: string; apiKey: TApiKeyView; rollAction: RollApiKeyAction; onRolled: (rolled: RolledApiKey) => void; onClose: () => void };

/** Replaces a key with a new one; the old one keeps working for the chosen grace period while deployments switch over. */
export function RollApiKeyDialog({ orgSlug, apiKey, rollAction, onRolled, onClose }: Props) {
  const [graceHours, setGraceHours] = useState<number>(API_KEY_LIMITS.defaultGraceHours);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function roll(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await rollAction(orgSlug, { keyId: apiKey.id, graceHours });
      if (!result.ok) return setError(result.fieldErrors?.graceHours?.join(" ") ?? result.error);
      onRolled(result.data);
    });
  }

  return (
    <Dialog title={`Roll ${apiKey.name}?`} onClose={onClose}>
      <form method="post" onSubmit={roll} className="space-y-4">
        <p className="text-sm text-slate-700">
          A new key with the same scopes, ranges and limits replaces <span className="font-medium">{apiKey.name}</span>{" "}
          (<code className="font-mono text-xs">{maskedKey(apiKey)}</code>). Keep the old one working long enough to deploy the new one.
        </p>
        <FormError message={error} />
        <GracePeriodFieldset
          subject="key"
          noneLabel="the old key stops at once"
          recommendedHours={API_KEY_LIMITS.defaultGraceHours}
          value={graceHours}
          onChange={setGraceHours}
          hint="Requests with the old key fail once the grace period ends."
        />
        <DialogActions onCancel={onClose} label="Roll key" pendingLabel="Rolling…" pending={pending} />
      </form>
    </Dialog>
  );
}

"use client";

import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-field";
import type { TApiKeyView } from "@/lib/api-keys/schemas";
import type { ActionResult } from "@/lib/http/action-result";
import { buttonStyles, Dialog } from "@/components/ui/dialog";

export type RevokeApiKeyAction = (orgSlug: string, input: unknown) => Promise<ActionResult<TApiKeyView>>;
type Props = { orgSlug: string; apiKey: TApiKeyView; revokeAction: RevokeApiKeyAction; onRevoked: (revoked: TApiKeyView) => void; onClose: () => void };

/** Names the key being revoked, so the wrong row is hard to confirm. */
export function RevokeApiKeyDialog({ orgSlug, apiKey, revokeAction, onRevoked, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const revoke = () =>
    startTransition(async () => {
      setError(null);
      const result = await revokeAction(orgSlug, { keyId: apiKey.id });
      if (!result.ok) return setError(result.error);
      onRevoked(result.data);
    });

  return (
    <Dialog title="Revoke API key" onClose={onClose}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          Revoke <span className="font-medium">{apiKey.name}</span> (<code className="font-mono text-xs">{apiKey.prefix}…</code>)? Requests with it fail at once.
          This cannot be undone.
        </p>
        <FormError message={error} />
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <button type="button" autoFocus onClick={onClose} className={buttonStyles.secondary}>
            Cancel
          </button>
          <button type="button" disabled={pending} onClick={revoke} className={buttonStyles.danger}>
            {pending ? "Revoking…" : "Revoke key"}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TApiKeyView } from "@/lib/api-keys/schemas";
import type { ActionResult } from "@/lib/http/action-result";

export type RevokeApiKeyAction = (orgSlug: string, input: unknown) => Promise<ActionResult<TApiKeyView>>;
type Props = {
  orgSlug: string;
  apiKey: TApiKeyView;
  revokeAction: RevokeApiKeyAction;
  onRevoked: (revoked: TApiKeyView) => void;
  onClose: () => void;
};

/** Names the key being revoked, so the wrong row is hard to confirm. */
export function RevokeApiKeyDialog({ orgSlug, apiKey, revokeAction, onRevoked, onClose }: Props) {
  async function revoke() {
    const result = await revokeAction(orgSlug, { keyId: apiKey.id });
    if (!result.ok) return result.error;
    onRevoked(result.data);
    return null;
  }

  return (
    <ConfirmDialog
      title="Revoke API key"
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      onConfirm={revoke}
      onClose={onClose}
    >
      <p>
        Revoke <span className="font-medium">{apiKey.name}</span> (
        <code className="font-mono text-xs">{apiKey.prefix}…</code>)? Requests with it fail at once. This cannot be
        undone.
      </p>
    </ConfirmDialog>
  );
}

"use client";

import { ReplaceCredentialDialog } from "@/components/ui/replace-credential-dialog";
import { API_KEY_LIMITS, type TApiKeyView } from "@/lib/api-keys/schemas";
import type { ActionResult } from "@/lib/http/action-result";
import { maskedKey } from "./format";

export type RolledApiKey = { key: string; apiKey: TApiKeyView; previous: TApiKeyView };
export type RollApiKeyAction = (orgSlug: string, input: unknown) => Promise<ActionResult<RolledApiKey>>;
type Props = {
  orgSlug: string;
  apiKey: TApiKeyView;
  rollAction: RollApiKeyAction;
  onRolled: (rolled: RolledApiKey) => void;
  onClose: () => void;
};

/** Replaces a key with a new one; the old one keeps working for the chosen grace period while deployments switch over. */
export function RollApiKeyDialog({ orgSlug, apiKey, rollAction, onRolled, onClose }: Props) {
  return (
    <ReplaceCredentialDialog
      title={`Roll ${apiKey.name}?`}
      intro={
        <>
          A new key with the same scopes, ranges and limits replaces <span className="font-medium">{apiKey.name}</span>{" "}
          (<code className="font-mono text-xs">{maskedKey(apiKey)}</code>). Keep the old one working long enough to
          deploy the new one.
        </>
      }
      grace={{
        subject: "key",
        noneLabel: "the old key stops at once",
        recommendedHours: API_KEY_LIMITS.defaultGraceHours,
        hint: "Requests with the old key fail once the grace period ends.",
      }}
      label="Roll key"
      pendingLabel="Rolling…"
      replace={(graceHours) => rollAction(orgSlug, { keyId: apiKey.id, graceHours })}
      onReplaced={onRolled}
      onClose={onClose}
    />
  );
}

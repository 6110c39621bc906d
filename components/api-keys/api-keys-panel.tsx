"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import type { TApiKeyView } from "@/lib/api-keys/schemas";
import type { Permission } from "@/lib/rbac/permissions";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyDialog, type CreateApiKeyAction } from "./create-api-key-dialog";
import { utc } from "./format";
import { KeyRevealDialog } from "./key-reveal-dialog";
import { RevokeApiKeyDialog, type RevokeApiKeyAction } from "./revoke-api-key-dialog";
import { RollApiKeyDialog, type RollApiKeyAction } from "./roll-api-key-dialog";

type Props = {
  orgSlug: string;
  apiKeys: TApiKeyView[];
  now: string;
  /** Scopes the viewer may put on a new key; empty when they may not create keys. */
  scopes: readonly Permission[];
  canCreate: boolean;
  showCreator: boolean;
  /** The signed-in person: Roll is offered on their own keys only. */
  viewerId: string;
  createAction: CreateApiKeyAction;
  rollAction: RollApiKeyAction;
  revokeAction: RevokeApiKeyAction;
};

/** Which dialog is open. The revealed key lives here, in memory, until "Done": never in the URL or storage. */
type Open =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "roll"; apiKey: TApiKeyView }
  | { kind: "revoke"; apiKey: TApiKeyView }
  | { kind: "reveal"; secret: string; name: string; oldKeyWorksUntil?: string | null };

/** The keys screen: the table (or the empty state), and the create, roll, revoke and reveal dialogs. */
export function ApiKeysPanel({
  orgSlug,
  apiKeys,
  now,
  scopes,
  canCreate,
  showCreator,
  viewerId,
  createAction,
  rollAction,
  revokeAction,
}: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>({ kind: "none" });
  const [message, setMessage] = useState<string | null>(null);
  const [hideRevoked, setHideRevoked] = useState(false);
  const revokedCount = apiKeys.filter((apiKey) => apiKey.status === "revoked").length;
  const shown = hideRevoked ? apiKeys.filter((apiKey) => apiKey.status !== "revoked") : apiKeys;
  const close = () => setOpen({ kind: "none" });

  const createButton = canCreate ? (
    <button
      type="button"
      onClick={() => {
        setMessage(null);
        setOpen({ kind: "create" });
      }}
      className={buttonStyles.primary}
    >
      Create API key
    </button>
  ) : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p aria-live="polite" className="text-sm text-emerald-800">
          {message}
        </p>
        <div className="flex flex-wrap items-center gap-4">
          {revokedCount ? (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={hideRevoked} onChange={(event) => setHideRevoked(event.target.checked)} />
              Hide revoked keys ({revokedCount})
            </label>
          ) : null}
          {apiKeys.length ? createButton : null}
        </div>
      </div>

      {apiKeys.length ? (
        <ApiKeysTable
          orgSlug={orgSlug}
          apiKeys={shown}
          now={now}
          showCreator={showCreator}
          viewerId={viewerId}
          onRoll={(apiKey) => {
            setMessage(null);
            setOpen({ kind: "roll", apiKey });
          }}
          onRevoke={(apiKey) => {
            setMessage(null);
            setOpen({ kind: "revoke", apiKey });
          }}
        />
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-base font-semibold">No API keys yet</h2>
          <p className="mx-auto mt-1 max-w-prose text-sm text-slate-600">
            API keys let your scripts, CI jobs and SIEM read the audit trail, record your own events and manage members
            through the REST API, with only the scopes you give them. See the{" "}
            <Link href={`/${orgSlug}/api-docs`} className="font-medium text-brand-600 hover:underline">
              API docs
            </Link>
            .
          </p>
          {createButton ? <div className="mt-4">{createButton}</div> : null}
        </div>
      )}

      {open.kind === "create" ? (
        <CreateApiKeyDialog
          orgSlug={orgSlug}
          scopes={scopes}
          createAction={createAction}
          onClose={close}
          onCreated={({ key, apiKey }) => {
            setOpen({ kind: "reveal", secret: key, name: apiKey.name });
            router.refresh();
          }}
        />
      ) : null}
      {open.kind === "roll" ? (
        <RollApiKeyDialog
          orgSlug={orgSlug}
          apiKey={open.apiKey}
          rollAction={rollAction}
          onClose={close}
          onRolled={({ key, apiKey, previous }) => {
            setOpen({ kind: "reveal", secret: key, name: apiKey.name, oldKeyWorksUntil: previous.graceEndsAt });
            router.refresh();
          }}
        />
      ) : null}
      {open.kind === "revoke" ? (
        <RevokeApiKeyDialog
          orgSlug={orgSlug}
          apiKey={open.apiKey}
          revokeAction={revokeAction}
          onClose={close}
          onRevoked={(revoked) => {
            close();
            setMessage(`Revoked ${revoked.name} (${revoked.prefix}…).`);
            router.refresh();
          }}
        />
      ) : null}
      {open.kind === "reveal" ? (
        <KeyRevealDialog
          secret={open.secret}
          name={open.name}
          note={
            open.oldKeyWorksUntil !== undefined
              ? open.oldKeyWorksUntil
                ? `The old key works until ${utc(open.oldKeyWorksUntil)}.`
                : "The old key has stopped working."
              : undefined
          }
          onDone={close}
        />
      ) : null}
    </div>
  );
}

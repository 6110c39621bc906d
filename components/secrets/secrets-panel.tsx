"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonStyles } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import type { TSecretView } from "@/lib/secrets/secret-schemas";
import { RevealSecretValueDialog } from "./reveal-secret-value-dialog";
import { type SecretActions, type ShareableMember, when } from "./secret-actions";
import { SecretFormDialog } from "./secret-form-dialog";
import { SecretsTable } from "./secrets-table";
import { ShareSecretDialog } from "./share-secret-dialog";

type Props = {
  orgSlug: string;
  secrets: TSecretView[];
  deleted: TSecretView[];
  members: ShareableMember[];
  actions: SecretActions;
};

type Open =
  { kind: "none" } | { kind: "create" } | { kind: "update" | "reveal" | "share" | "delete"; secret: TSecretView };

/** The secrets screen: the table (or what a secret is, when there are none), and its dialogs. */
export function SecretsPanel({ orgSlug, secrets, deleted, members, actions }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>({ kind: "none" });
  const [status, setStatus] = useState<string | null>(null);
  const manage = actions.manage;
  const close = () => setOpen({ kind: "none" });
  const done = (message: string) => {
    close();
    setStatus(message);
    router.refresh();
  };
  const createButton = manage ? (
    <button type="button" onClick={() => setOpen({ kind: "create" })} className={buttonStyles.primary}>
      New secret
    </button>
  ) : null;
  const restore = async (secret: TSecretView) => {
    const result = await manage!.restore(orgSlug, { secretId: secret.id });
    setStatus(result.ok ? `Restored "${secret.name}".` : result.error);
    if (result.ok) router.refresh();
  };

  return (
    <div className="space-y-4">
      <p role="status" className="text-sm text-emerald-700" data-testid="secrets-status">
        {status}
      </p>
      {secrets.length ? (
        <>
          {createButton ? <div className="flex justify-end">{createButton}</div> : null}
          <SecretsTable secrets={secrets} manages={!!manage} onOpen={(kind, secret) => setOpen({ kind, secret })} />
        </>
      ) : (
        <EmptyState testId="secrets-empty">
          <h2 className="text-base font-semibold text-slate-900">No secrets {manage ? "yet" : "shared with you"}</h2>
          <p className="mx-auto mt-1 max-w-prose">
            {manage
              ? "Keep the organization's credentials here (API tokens, database passwords, certificates): encrypted, " +
                "versioned, shared for reveal only with the members who need them, every reveal on the record."
              : "When an owner shares a secret with you or your role, it shows here for you to reveal."}
          </p>
          {createButton ? <div className="mt-4">{createButton}</div> : null}
        </EmptyState>
      )}
      {manage && deleted.length ? (
        <section aria-label="Deleted secrets" className="space-y-2">
          <h2 className="text-sm font-semibold text-slate-700">Deleted (restorable until destroyed)</h2>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm">
            {deleted.map((secret) => (
              <li key={secret.id} className="flex items-center justify-between gap-4 px-4 py-2">
                <span>
                  <span className="font-mono">{secret.name}</span>{" "}
                  <span className="text-slate-500">destroyed after {when(secret.destroyAfter!)}</span>
                </span>
                <button type="button" className={buttonStyles.secondary} onClick={() => restore(secret)}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {(open.kind === "create" || open.kind === "update") && manage ? (
        <SecretFormDialog
          orgSlug={orgSlug}
          secret={open.kind === "update" ? open.secret : null}
          action={open.kind === "update" ? manage.update : manage.create}
          onClose={close}
          onSaved={(name) => done(open.kind === "update" ? `Saved a new version of "${name}".` : `Created "${name}".`)}
        />
      ) : null}
      {open.kind === "reveal" ? (
        <RevealSecretValueDialog orgSlug={orgSlug} secret={open.secret} reveal={actions.reveal} onClose={close} />
      ) : null}
      {open.kind === "share" && manage ? (
        <ShareSecretDialog
          orgSlug={orgSlug}
          secret={secrets.find((secret) => secret.id === open.secret.id) ?? open.secret}
          members={members}
          share={manage.share}
          unshare={manage.unshare}
          onClose={close}
          onChanged={(message) => {
            setStatus(message);
            router.refresh();
          }}
        />
      ) : null}
      {open.kind === "delete" && manage ? (
        <ConfirmDialog
          title="Delete secret"
          confirmLabel="Delete secret"
          pendingLabel="Deleting…"
          onClose={close}
          onConfirm={async () => {
            const result = await manage.remove(orgSlug, { secretId: open.secret.id });
            if (!result.ok) return result.error;
            done(`Deleted "${open.secret.name}". Owners can restore it for 30 days.`);
            return null;
          }}
        >
          Delete <span className="font-mono font-medium">{open.secret.name}</span>? Nobody can reveal it, through the
          panel or the API, from now on. Owners can restore it for 30 days; after that it is destroyed with all its
          versions.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import { buttonStyles, Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import type { TSecretView } from "@/lib/secrets/secret-schemas";
import type { SecretAction, ShareableMember } from "./secret-actions";

type Props = {
  orgSlug: string;
  secret: TSecretView;
  members: ShareableMember[];
  share: SecretAction<null>;
  unshare: SecretAction<null>;
  onChanged: (message: string) => void;
  onClose: () => void;
};

const ROLES = ["ADMIN", "MEMBER", "AUDITOR"] as const;

/** Who may reveal the current version besides owners: named members, or everyone of a role. Reveal only. */
export function ShareSecretDialog({ orgSlug, secret, members, share, unshare, onChanged, onClose }: Props) {
  const id = useId();
  const [target, setTarget] = useState(members[0] ? `user:${members[0].userId}` : "role:MEMBER");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => ReturnType<SecretAction<null>>, message: string) =>
    startTransition(async () => {
      const result = await work();
      if (!result.ok) return setError(result.error);
      setError(null);
      onChanged(message);
    });
  const add = () => {
    const [kind, value] = target.split(":") as ["user" | "role", string];
    const input = { secretId: secret.id, with: kind === "user" ? { kind, userId: value } : { kind, role: value } };
    const label = kind === "user" ? members.find((m) => m.userId === value)?.email : `every ${value.toLowerCase()}`;
    run(() => share(orgSlug, input), `Shared "${secret.name}" with ${label}.`);
  };
  return (
    <Dialog title={`Share ${secret.name}`} onClose={onClose}>
      <div className="space-y-4 text-sm">
        <FormError message={error} />
        <p className="text-slate-700">
          Those it is shared with may reveal its current version (after confirming it&apos;s them); only owners change
          it or see earlier versions.
        </p>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Shared with">
          {secret.shares.length ? (
            secret.shares.map((entry) => (
              <li key={entry.id} className="flex items-center justify-between px-3 py-2">
                <span>{entry.display}</span>
                <button
                  type="button"
                  disabled={pending}
                  className={`${buttonStyles.secondary} !px-2 !py-1 text-xs`}
                  onClick={() =>
                    run(
                      () => unshare(orgSlug, { secretId: secret.id, shareId: entry.id }),
                      `Stopped sharing "${secret.name}" with ${entry.display}.`,
                    )
                  }
                >
                  Stop sharing
                </button>
              </li>
            ))
          ) : (
            <li className="px-3 py-2 text-slate-500">Owners only.</li>
          )}
        </ul>
        <div className="flex items-end gap-2">
          <div className="grow space-y-1">
            <label htmlFor={`${id}-with`} className="block font-medium text-slate-700">
              Share with
            </label>
            <select
              id={`${id}-with`}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              className="block w-full rounded-md border border-slate-300 px-2 py-2"
            >
              {members.map((member) => (
                <option key={member.userId} value={`user:${member.userId}`}>
                  {member.email} ({member.role.toLowerCase()})
                </option>
              ))}
              {ROLES.map((role) => (
                <option key={role} value={`role:${role}`}>
                  Every {role.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
          <button type="button" disabled={pending} onClick={add} className={buttonStyles.primary}>
            {pending ? "Sharing…" : "Share"}
          </button>
        </div>
        <div className="flex justify-end border-t border-slate-100 pt-4">
          <button type="button" onClick={onClose} className={buttonStyles.secondary}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}

"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { PERMISSION_DESCRIPTIONS } from "@/components/roles/role-descriptions";
import { buttonStyles, Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import type { ActionFailure } from "@/lib/http/action-result";
import { ROLE_PERMISSIONS, type Permission, type RoleName } from "@/lib/rbac/permissions";

type Props = {
  orgSlug: string;
  who: string;
  from: RoleName;
  to: RoleName;
  /** Runs the change; resolves to the refusal to show, or null when done. */
  onConfirm: () => Promise<Pick<ActionFailure, "code" | "error"> | null>;
  onClose: () => void;
};

const describe = (permissions: readonly Permission[]) =>
  permissions.map((permission) => PERMISSION_DESCRIPTIONS[permission] ?? permission);

/**
 * The question before any role change between admin, member and auditor (the Owner role has its own,
 * with a step-up): what the new role may do and what it no longer may, read from the permission matrix.
 */
export function RoleChangeDialog({ orgSlug, who, from, to, onConfirm, onClose }: Props) {
  const [failure, setFailure] = useState<Pick<ActionFailure, "code" | "error"> | null>(null);
  const [pending, startTransition] = useTransition();
  const may = describe(ROLE_PERMISSIONS[to]);
  const loses = describe(ROLE_PERMISSIONS[from].filter((permission) => !ROLE_PERMISSIONS[to].includes(permission)));
  const role = to.toLowerCase();
  const article = /^[aeiou]/.test(role) ? "an" : "a";
  const confirm = () =>
    startTransition(async () => {
      setFailure(null);
      setFailure(await onConfirm());
    });

  return (
    <Dialog title={`Make ${who} ${article} ${role}?`} onClose={onClose}>
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          As {article} {role} they may:
        </p>
        <ul className="list-disc space-y-1 pl-5" aria-label={`What ${article} ${role} may do`}>
          {may.map((power) => (
            <li key={power}>{power}</li>
          ))}
        </ul>
        {loses.length ? (
          <>
            <p>They will no longer be able to:</p>
            <ul className="list-disc space-y-1 pl-5" aria-label="What they lose">
              {loses.map((power) => (
                <li key={power}>{power}</li>
              ))}
            </ul>
            <p>Their API keys shrink with them: a key never does more than its creator&apos;s role allows.</p>
          </>
        ) : null}
        <FormError message={failure?.error ?? null} />
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <button type="button" onClick={onClose} className={buttonStyles.secondary}>
            Cancel
          </button>
          <button type="button" disabled={pending} onClick={confirm} className={buttonStyles.primary}>
            {pending ? "Saving…" : `Change role to ${role}`}
          </button>
        </div>
        <p className="text-xs">
          <Link href={`/${orgSlug}/roles`} className="text-brand-600 underline">
            Every role&apos;s permissions
          </Link>
        </p>
      </div>
    </Dialog>
  );
}

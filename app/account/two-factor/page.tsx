import type { Metadata } from "next";
import Link from "next/link";
import { TwoFactorManage } from "@/components/account/two-factor-manage";
import { TwoFactorSetup } from "@/components/account/two-factor-setup";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";
import { panelOrigin } from "@/lib/http/panel-origin";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";
import {
  confirmEnrolmentAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startEnrolmentAction,
} from "./actions";

export const metadata: Metadata = { title: "Two-factor authentication" };
export const dynamic = "force-dynamic";

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ required?: string; recovered?: string; next?: string | string[] }>;
}) {
  const principal = await requirePrincipal();
  const { required, recovered, next } = await searchParams;
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { totpEnabledAt: true } });
  const remaining = await db.recoveryCode.count({ where: { userId: principal.userId, usedAt: null } });
  // Where enrolment leads: only a path on this panel (no open redirect).
  const nextPath = safeRedirectPath(next, panelOrigin());

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Two-factor authentication</h1>
        <p className="text-sm text-slate-500">
          A code from an authenticator app, asked for at every sign-in after your password.
        </p>
      </div>
      {required && !user.totpEnabledAt ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your role or your organization&apos;s policy requires two-factor authentication. Set it up to continue.
        </p>
      ) : null}
      {recovered && user.totpEnabledAt ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p data-testid="recovery-codes-left">
            You signed in with a recovery code. {remaining} recovery code{remaining === 1 ? "" : "s"} left
            {remaining <= 3 ? ": generate a new set below before you run out." : "."}
          </p>
          <Link href={nextPath} className="font-medium underline">
            Continue
          </Link>
        </div>
      ) : null}
      {user.totpEnabledAt ? (
        <div className="space-y-4">
          <p className="text-sm" data-testid="two-factor-status">
            <span className="rounded bg-emerald-50 px-1.5 py-0.5 font-medium text-emerald-700">On</span> since{" "}
            {user.totpEnabledAt.toISOString().slice(0, 10)} · {remaining} recovery code{remaining === 1 ? "" : "s"} left
          </p>
          <TwoFactorManage actions={{ regenerate: regenerateRecoveryCodesAction, disable: disableTwoFactorAction }} />
        </div>
      ) : (
        <TwoFactorSetup actions={{ start: startEnrolmentAction, confirm: confirmEnrolmentAction }} next={nextPath} />
      )}
    </div>
  );
}

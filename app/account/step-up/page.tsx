import type { Metadata } from "next";
import { StepUpForm } from "@/components/account/step-up-form";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";
import { panelOrigin } from "@/lib/http/panel-origin";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";
import { stepUpAction } from "./actions";

export const metadata: Metadata = { title: "Confirm it's you" };
export const dynamic = "force-dynamic";

export default async function StepUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const principal = await requirePrincipal();
  const { next } = await searchParams;
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: principal.userId },
    select: { totpEnabledAt: true },
  });
  // Where step-up leads: only a path on this panel (no open redirect).
  const nextPath = safeRedirectPath(next, panelOrigin(), "/account");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Confirm it&apos;s you</h1>
        <p className="text-sm text-slate-500">
          Sensitive changes need your password{user.totpEnabledAt ? " and a code" : ""} from the last five minutes.
        </p>
      </div>
      <StepUpForm action={stepUpAction} needsCode={!!user.totpEnabledAt} next={nextPath} />
    </div>
  );
}

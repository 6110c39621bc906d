import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentPrincipal } from "@/lib/guard/current-principal";
import { panelOrigin } from "@/lib/http/panel-origin";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";
import { beginSignInAction, completeSecondFactorAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Where sign-in leads: the `callbackUrl` someone brought along, if it is a path on this panel (no open redirect). */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  if (await currentPrincipal()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <SignInForm
      beginAction={beginSignInAction}
      secondFactorAction={completeSecondFactorAction}
      destination={safeRedirectPath(callbackUrl, panelOrigin())}
    />
  );
}

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
  searchParams: Promise<{ callbackUrl?: string | string[]; ended?: string | string[] }>;
}) {
  if (await currentPrincipal()) redirect("/");
  const { callbackUrl, ended } = await searchParams;
  // Fixed sentences chosen by a key: the query string never puts its own words on the page.
  const notice = typeof ended === "string" && Object.hasOwn(ENDED, ended) ? ENDED[ended as keyof typeof ENDED] : null;
  return (
    <>
      {notice ? (
        <p
          role="status"
          data-testid="session-ended"
          className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {notice}
        </p>
      ) : null}
      <SignInForm
        beginAction={beginSignInAction}
        secondFactorAction={completeSecondFactorAction}
        destination={safeRedirectPath(callbackUrl, panelOrigin())}
      />
    </>
  );
}

const ENDED = {
  admin: "Your session was ended by an administrator of your organization. Sign in again to continue.",
  removed: "You were removed from your organization, so your session ended. Sign in to create or join another.",
} as const;

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentPrincipal } from "@/lib/guard";
import { beginSignInAction, completeSecondFactorAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentPrincipal()) redirect("/");
  return (
    <Suspense>
      <SignInForm beginAction={beginSignInAction} secondFactorAction={completeSecondFactorAction} />
    </Suspense>
  );
}

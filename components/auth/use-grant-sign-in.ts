"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";

/**
 * Redeems a one-time sign-in grant (lib/auth/sign-in.ts) for the session cookie and goes on to
 * `destination`, if it is a path on this panel (checked again here, whoever computed it), else to
 * "/". Answers false, without navigating, when the grant was refused (used or expired).
 */
export function useGrantSignIn() {
  const router = useRouter();
  return async (grant: string, destination: string): Promise<boolean> => {
    const signedIn = await signIn("credentials", { grant, redirect: false });
    if (!signedIn?.ok) return false;
    router.replace(safeRedirectPath(destination, window.location.origin));
    router.refresh();
    return true;
  };
}

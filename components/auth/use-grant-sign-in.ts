"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";

/**
 * Redeems a one-time sign-in grant (lib/auth/sign-in.ts) for the session cookie and goes on to
 * `destination`. Answers false, without navigating, when the grant was refused (used or expired).
 */
export function useGrantSignIn() {
  const router = useRouter();
  return async (grant: string, destination: string): Promise<boolean> => {
    const signedIn = await signIn("credentials", { grant, redirect: false });
    if (!signedIn?.ok) return false;
    router.replace(destination);
    router.refresh();
    return true;
  };
}

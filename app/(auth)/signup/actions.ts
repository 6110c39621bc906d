"use server";

import { signUp } from "@/lib/auth/sign-up";
import { ZSignUp } from "@/lib/auth/schemas";
import { publicAction } from "@/lib/guard/public-action";

export const signUpAction = publicAction({ name: "auth.sign_up", input: ZSignUp }, async ({ input, request }) => {
  const outcome = await signUp({ input, context: request });
  // Only what the screen needs: the first account's grant, or the address the link went to.
  return outcome.status === "signed_in"
    ? { status: outcome.status, orgSlug: outcome.org.slug, grant: outcome.grant }
    : { status: outcome.status, email: outcome.email };
});

"use server";

import { signUp } from "@/lib/auth/sign-up";
import { ZSignUp } from "@/lib/auth/schemas";
import { publicAction } from "@/lib/guard";

export const signUpAction = publicAction({ name: "auth.sign_up", input: ZSignUp }, async ({ input, request }) => {
  const { org, grant } = await signUp({ input, context: request });
  return { orgSlug: org.slug, grant };
});

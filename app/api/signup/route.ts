import { signUp } from "@/lib/auth/sign-up";
import { ZSignUp } from "@/lib/auth/schemas";
import { withPublic } from "@/lib/guard/with-public";

/** The one answer to every sign-up but an instance's first: whether the address has an account is not revealed. */
const CONFIRM_EMAIL_ANSWER = {
  status: "confirm_email",
  detail:
    "Check your email: open the link in the message to confirm the address, then sign in. If the address " +
    "already has an account, the message says so instead.",
} as const;

/**
 * Sign-up for API clients and scripts; the browser uses the sign-up page's server action. 202 with
 * the same body for a new address and a taken one; 201 with the account for the instance's first.
 */
export const POST = withPublic({ name: "auth.sign_up.api", body: ZSignUp }, async ({ body, request }) => {
  const outcome = await signUp({ input: body, context: request });
  if (outcome.status === "confirm_email") return Response.json(CONFIRM_EMAIL_ANSWER, { status: 202 });
  const { user, org } = outcome;
  return Response.json(
    {
      status: "signed_up",
      user: { id: user.id, email: user.email, name: user.name },
      organization: { id: org.id, slug: org.slug, name: org.name },
    },
    { status: 201 },
  );
});

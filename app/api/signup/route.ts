import { signUp } from "@/lib/auth/sign-up";
import { ZSignUp } from "@/lib/auth/schemas";
import { withPublic } from "@/lib/guard";

/** Sign-up for API clients and scripts; the browser uses the sign-up page's server action. */
export const POST = withPublic({ name: "auth.sign_up.api", body: ZSignUp }, async ({ body, request }) => {
  const { user, org } = await signUp({ input: body, context: request });
  return Response.json(
    { user: { id: user.id, email: user.email, name: user.name }, organization: { id: org.id, slug: org.slug, name: org.name } },
    { status: 201 },
  );
});

"use server";

import { verifyEmail, ZVerifyEmail } from "@/lib/auth/email-verification";
import { publicAction } from "@/lib/guard/public-action";

export const verifyEmailAction = publicAction(
  { name: "auth.verify_email", input: ZVerifyEmail },
  ({ input, request }) => verifyEmail({ input, context: request }),
);

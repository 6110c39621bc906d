"use server";

import { z } from "zod";
import { beginSignIn, completeSecondFactor } from "@/lib/auth/sign-in";
import { publicAction } from "@/lib/guard/public-action";

export const beginSignInAction = publicAction(
  { name: "auth.sign_in.password", input: z.object({ email: z.string().max(320), password: z.string().max(256) }) },
  ({ input, request }) => beginSignIn({ input, context: request }),
);

export const completeSecondFactorAction = publicAction(
  {
    name: "auth.sign_in.second_factor",
    input: z.object({ challenge: z.string().min(1).max(100), code: z.string().max(64) }),
  },
  ({ input, request }) => completeSecondFactor({ challenge: input.challenge, code: input.code, context: request }),
);

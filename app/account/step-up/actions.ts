"use server";

import { z } from "zod";
import { rotateSession } from "@/lib/auth/session-rotation";
import { stepUp } from "@/lib/auth/step-up";
import { AppError } from "@/lib/http/app-error";
import { userAction } from "@/lib/guard/user-action";

export const stepUpAction = userAction(
  {
    name: "auth.step_up",
    input: z.object({
      password: z.string().min(1, "Enter your password.").max(256),
      code: z.string().max(64).optional(),
    }),
  },
  async ({ principal, input, request }) => {
    const result = await stepUp({
      principal,
      password: input.password,
      code: input.code || undefined,
      context: request,
    });
    if (!result.ok) throw new AppError("invalid_input", result.error);
    await rotateSession({ userId: principal.userId, sessionId: principal.sessionId });
    return { ok: true };
  },
);

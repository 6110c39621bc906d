"use server";

import { z } from "zod";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from "@/lib/auth/two-factor";
import { userAction } from "@/lib/guard/user-action";

const none = z.object({}).strict();

export const startEnrolmentAction = userAction({ name: "mfa.enrolment.start", input: none }, ({ principal, request }) =>
  startTotpEnrolment({ principal, context: request }),
);

export const confirmEnrolmentAction = userAction(
  {
    name: "mfa.enrolment.confirm",
    input: z.object({
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, "Enter the 6-digit code from your app."),
    }),
  },
  ({ principal, request, input }) => confirmTotpEnrolment({ principal, context: request, code: input.code }),
);

export const regenerateRecoveryCodesAction = userAction(
  { name: "mfa.recovery_codes.regenerate", input: none },
  ({ principal, request }) => regenerateRecoveryCodes({ principal, context: request }),
);

export const disableTwoFactorAction = userAction(
  { name: "mfa.disable", input: none },
  async ({ principal, request }) => {
    await disableTotp({ principal, context: request });
    return { disabled: true };
  },
);

"use server";

import { z } from "zod";
import { verifyAndRecord } from "@/lib/audit/record-verification";
import { orgAction } from "@/lib/guard/org-action";

export const verifyChainAction = orgAction(
  {
    name: "audit.verify_chain",
    permission: "audit.verify",
    input: z.object({}).strict(),
    transactionTimeoutMs: 300_000,
  },
  ({ ctx, tx }) => verifyAndRecord({ ctx, tx }),
);

"use server";

import { z } from "zod";
import { verifyAndRecordStreaming } from "@/lib/audit/export/verification-stream";
import { orgAction } from "@/lib/guard/org-action";
import { verifyWholeTrail } from "@/lib/lifecycle/archive/verify-whole-trail";

export const verifyChainAction = orgAction(
  {
    name: "audit.verify_chain",
    permission: "audit.verify",
    input: z.object({}).strict(),
    // Outside a transaction: it first signs a checkpoint up to the head (in transactions of its own).
    transaction: false,
  },
  async ({ ctx }) => (await verifyAndRecordStreaming({ ctx, verify: verifyWholeTrail }))!,
);

"use server";

import { orgAction } from "@/lib/guard/org-action";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import { releaseLegalHold } from "@/lib/lifecycle/legal-hold-release";
import { ZCreateLegalHold, ZReleaseLegalHold } from "@/lib/lifecycle/legal-hold-schemas";

export const createLegalHoldAction = orgAction(
  { name: "legal_holds.create", permission: "legal_holds.manage", input: ZCreateLegalHold },
  ({ ctx, tx, input }) => createLegalHold(tx, ctx, input),
);

// Whose hold it is, is the service's check (findLegalHold: another organization's answers like an unknown one).
export const releaseLegalHoldAction = orgAction(
  { name: "legal_holds.release", permission: "legal_holds.manage", input: ZReleaseLegalHold },
  ({ ctx, tx, input }) => releaseLegalHold(tx, ctx, input),
);

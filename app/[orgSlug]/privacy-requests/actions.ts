"use server";

import { orgAction } from "@/lib/guard/org-action";
import { completeDataSubjectRequest } from "@/lib/privacy/dsr-complete";
import { recordDataSubjectRequest } from "@/lib/privacy/dsr-record";
import { rejectDataSubjectRequest } from "@/lib/privacy/dsr-reject";
import { ZCompleteDsr, ZRecordDsr, ZRejectDsr } from "@/lib/privacy/dsr-schemas";

export const recordDsrAction = orgAction(
  { name: "privacy_requests.record", permission: "privacy_requests.manage", input: ZRecordDsr },
  ({ ctx, tx, input }) => recordDataSubjectRequest(tx, ctx, input),
);

// Whose request it is, is the service's check (findDataSubjectRequest: another organization's answers like an unknown one).
export const completeDsrAction = orgAction(
  { name: "privacy_requests.complete", permission: "privacy_requests.manage", input: ZCompleteDsr },
  ({ ctx, tx, input }) => completeDataSubjectRequest(tx, ctx, input),
);

export const rejectDsrAction = orgAction(
  { name: "privacy_requests.reject", permission: "privacy_requests.manage", input: ZRejectDsr },
  ({ ctx, tx, input }) => rejectDataSubjectRequest(tx, ctx, input),
);

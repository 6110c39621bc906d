import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { ZCreateLegalHold, ZLegalHoldView, ZReleaseReason } from "@/lib/lifecycle/legal-hold-schemas";

const TAG = "Legal holds";
const ZHoldIdParams = z.object({ holdId: z.uuid("Not a legal hold id.") }).strict();

/** The holds screen's operations (issue 18): seeing holds needs audit.read, placing and releasing legal_holds.manage. */
export const LEGAL_HOLD_OPERATIONS = {
  listLegalHolds: {
    operationId: "listLegalHolds",
    method: "GET",
    path: "/legal-holds",
    tag: TAG,
    summary: "The organization's legal holds, active first, each with the audit entries it covers",
    permission: "audit.read",
    response: z.object({ data: z.array(ZLegalHoldView) }),
    status: 200,
  },
  createLegalHold: {
    operationId: "createLegalHold",
    method: "POST",
    path: "/legal-holds",
    tag: TAG,
    summary: "Place a legal hold: nothing it covers is purged at the end of retention or erased until it is released",
    description:
      "scope.kind is org (the whole organization), people (user ids, actor ids or email addresses, matched on an " +
      "entry's actor or target), dates (from and/or until: a day such as 2026-01-31, whose until covers the whole " +
      "day, or an ISO 8601 time) or query (a search in the audit query language, as on the audit screen and in " +
      "GET /audit-events?q=). Recorded in the trail as legal_hold.created.",
    permission: "legal_holds.manage",
    body: ZCreateLegalHold,
    response: ZLegalHoldView,
    status: 201,
  },
  releaseLegalHold: {
    operationId: "releaseLegalHold",
    method: "POST",
    path: "/legal-holds/{holdId}/release",
    tag: TAG,
    summary: "Release a legal hold, with a reason; the hold stays on record, released",
    description: "Recorded in the trail as legal_hold.released. Releasing a released hold is a 409.",
    permission: "legal_holds.manage",
    params: ZHoldIdParams,
    body: z.object({ reason: ZReleaseReason }).strict(),
    response: ZLegalHoldView,
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;

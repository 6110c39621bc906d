import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { ZAccessDownload } from "@/lib/privacy/access-download";
import { ZDsrId, ZDsrView, ZRecordDsr } from "@/lib/privacy/dsr-schemas";

const TAG = "Data-subject requests";
const ZRequestIdParams = z.object({ requestId: ZDsrId }).strict();
const ZReason = z.string().trim().min(1, "Give the reason.").max(1000, "At most 1000 characters.");

/** The privacy requests screen's operations: all of them need privacy_requests.manage (owners and admins). */
export const DATA_SUBJECT_REQUEST_OPERATIONS = {
  listDataSubjectRequests: {
    operationId: "listDataSubjectRequests",
    method: "GET",
    path: "/data-subject-requests",
    tag: TAG,
    summary: "The organization's data-subject requests: open ones first by deadline, each with an overdue flag",
    permission: "privacy_requests.manage",
    response: z.object({ data: z.array(ZDsrView) }),
    status: 200,
  },
  recordDataSubjectRequest: {
    operationId: "recordDataSubjectRequest",
    method: "POST",
    path: "/data-subject-requests",
    tag: TAG,
    summary:
      "Record a data-subject request (GDPR: due in 30 days; CCPA: 45) for access to or erasure of a person's data",
    description:
      "subject is the person's email address or user id; receivedAt (a day or an ISO 8601 time, default now, never in " +
      "the future) starts the deadline. Recorded in the trail as dsr.received.",
    permission: "privacy_requests.manage",
    body: ZRecordDsr,
    response: ZDsrView,
    status: 201,
  },
  completeDataSubjectRequest: {
    operationId: "completeDataSubjectRequest",
    method: "POST",
    path: "/data-subject-requests/{requestId}/complete",
    tag: TAG,
    summary: "Complete a request: an erasure erases what the organization controls about the person",
    description:
      "An erasure is refused (409, naming the hold) while an active legal hold covers the person; the audit trail is " +
      "always kept (GDPR Art. 17(3)(b), (e)). completionRecord says what was erased, delivered and kept, and why; " +
      "the dsr.completed entry carries the same record. Answering an answered request is a 409.",
    permission: "privacy_requests.manage",
    params: ZRequestIdParams,
    body: z.object({ note: z.string().trim().max(1000, "At most 1000 characters.").optional() }).strict(),
    response: ZDsrView,
    status: 200,
  },
  rejectDataSubjectRequest: {
    operationId: "rejectDataSubjectRequest",
    method: "POST",
    path: "/data-subject-requests/{requestId}/reject",
    tag: TAG,
    summary: "Reject a request, with the reason (for example: the requester's identity could not be verified)",
    description: "Recorded in the trail as dsr.rejected, with the reason.",
    permission: "privacy_requests.manage",
    params: ZRequestIdParams,
    body: z.object({ reason: ZReason }).strict(),
    response: ZDsrView,
    status: 200,
  },
  downloadAccessPackage: {
    operationId: "downloadAccessPackage",
    recordsRead: true,
    method: "GET",
    path: "/data-subject-requests/{requestId}/access-package",
    tag: TAG,
    summary: "Download what the organization holds about an access request's subject (JSON, or a Markdown summary)",
    description:
      "Profile, membership, sessions, the API keys they created, invitations, and the audit entries where they are " +
      "the actor or the target, each with its hashes and an inclusion proof in the signed checkpoint the file carries. " +
      "Each download is recorded in the trail (privacy.data_exported).",
    permission: "privacy_requests.manage",
    params: ZRequestIdParams,
    query: ZAccessDownload,
    response: z.record(z.string(), z.unknown()),
    status: 200,
    stream: {
      contentTypes: ["application/json", "text/markdown; charset=utf-8"],
      description: "The package (format=json, the default) or its summary (format=md), as an attachment.",
    },
  },
} as const satisfies Record<string, ApiOperation>;

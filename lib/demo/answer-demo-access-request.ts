import "server-only";
import { getDb } from "@/lib/db/client";
import { completeDataSubjectRequest } from "@/lib/privacy/dsr-complete";
import { recordDataSubjectRequest } from "@/lib/privacy/dsr-record";
import type { RoleName } from "@/lib/rbac/permissions";
import { demoContext } from "./demo-context";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The admin records a GDPR access request from the demo's member, received twelve days ago, and completes it,
 * through the services the Privacy requests screen uses (dsr.received, dsr.completed): a new user sees an
 * answered request, its completion record, and its package to download.
 */
export async function answerDemoAccessRequest(
  orgId: string,
  admin: { id: string; email: string; name: string; role: RoleName },
  subject: string,
) {
  const ctx = demoContext(orgId, admin);
  const receivedAt = new Date(Date.now() - 12 * DAY_MS).toISOString().slice(0, 10);
  const request = await getDb().$transaction((tx) =>
    recordDataSubjectRequest(tx, ctx, { subject, type: "access", regime: "GDPR", receivedAt }),
  );
  const done = await getDb().$transaction((tx) =>
    completeDataSubjectRequest(tx, ctx, { requestId: request.id, note: "Package sent to the member by email." }),
  );
  return { subject: done.subject, type: done.type, status: done.status };
}

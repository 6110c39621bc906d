import "server-only";
import type { Db } from "@/lib/db/client";
import { supportSessionState, type SupportSessionView } from "./support-session-rules";

const SELECT = {
  id: true,
  staffEmail: true,
  justification: true,
  requestedAt: true,
  approvalNeeded: true,
  approvedAt: true,
  startedAt: true,
  expiresAt: true,
  endedAt: true,
  org: { select: { slug: true, name: true } },
} as const;

type Row = { org: { slug: string; name: string } } & Parameters<typeof supportSessionState>[0] & {
    id: string;
    staffEmail: string;
    justification: string;
    requestedAt: Date;
  };

function viewOf(row: Row, now: Date): SupportSessionView {
  return {
    id: row.id,
    orgSlug: row.org.slug,
    orgName: row.org.name,
    staffEmail: row.staffEmail,
    justification: row.justification,
    requestedAt: row.requestedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    state: supportSessionState(row, now),
  };
}

/** A staff member's own sessions, newest first, for the staff screen. */
export async function listStaffSupportSessions(db: Db, staffUserId: string, now = new Date()) {
  const rows = await db.supportSession.findMany({
    where: { staffUserId },
    orderBy: { requestedAt: "desc" },
    take: 50,
    select: SELECT,
  });
  return rows.map((row) => viewOf(row, now));
}

/** An organization's pending requests and open sessions, for its owners (ended and expired ones are in the trail). */
export async function listOrgSupportSessions(db: Db, orgId: string, now = new Date()) {
  const rows = await db.supportSession.findMany({
    where: { orgId, endedAt: null },
    orderBy: { requestedAt: "desc" },
    take: 50,
    select: SELECT,
  });
  return rows.map((row) => viewOf(row, now)).filter((view) => view.state !== "expired");
}

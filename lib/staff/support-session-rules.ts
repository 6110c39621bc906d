import { z } from "zod";

/** A support session lasts an hour from its start or its last renewal. */
export const SUPPORT_SESSION_MS = 60 * 60 * 1000;
/** A request not approved, or an approval not used, within a day lapses: an old yes is not today's yes. */
export const SUPPORT_REQUEST_MS = 24 * 60 * 60 * 1000;

export const ZRequestSupportSession = z.object({
  orgSlug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, "An organization's slug, as in its URL."),
  justification: z
    .string()
    .trim()
    .min(20, "Say why you need access (at least 20 characters): the customer reads it in their trail.")
    .max(1000),
});
export type TRequestSupportSession = z.infer<typeof ZRequestSupportSession>;

export const ZSupportSessionId = z.object({ sessionId: z.uuid() });

export const ZSupportPolicy = z.object({ approvalRequired: z.boolean() });

export type SupportSessionState = "pending" | "approved" | "active" | "expired" | "ended";

/** A support session as the staff screen and the owners' security page show it (client-safe). */
export type SupportSessionView = {
  id: string;
  orgSlug: string;
  orgName: string;
  staffEmail: string;
  justification: string;
  requestedAt: string;
  expiresAt: string | null;
  state: SupportSessionState;
};

type SessionTimes = {
  requestedAt: Date;
  approvalNeeded: boolean;
  approvedAt: Date | null;
  startedAt: Date | null;
  expiresAt: Date | null;
  endedAt: Date | null;
};

/** Where a session stands at `now`: an expired one needs no row change to stop working. */
export function supportSessionState(session: SessionTimes, now: Date): SupportSessionState {
  if (session.endedAt) return "ended";
  if (session.startedAt) return session.expiresAt && session.expiresAt > now ? "active" : "expired";
  const decidedAt = session.approvedAt ?? session.requestedAt;
  if (now.getTime() - decidedAt.getTime() >= SUPPORT_REQUEST_MS) return "expired";
  if (session.approvalNeeded && !session.approvedAt) return "pending";
  return "approved";
}

import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { severityOf } from "./entry-severity";

/**
 * Entries as OCSF 1.3 events (https://schema.ocsf.io/1.3.0), for SIEMs that ingest OCSF:
 * - membership, role, invitation, ownership, password and second-factor changes: Account Change (3001);
 * - the rest of the authentication category (sign-in, sign-out, step-up, lockout): Authentication (3002);
 * - everything else, customers' own events included: API Activity (6003).
 * What OCSF has no attribute for (seq, hashes, the event's own metadata) travels in `unmapped`.
 */
export const OCSF_VERSION = "1.3.0";

type OcsfClass = { uid: 3001 | 3002 | 6003; name: string; categoryUid: 3 | 6; categoryName: string };
const ACCOUNT_CHANGE: OcsfClass = {
  uid: 3001,
  name: "Account Change",
  categoryUid: 3,
  categoryName: "Identity & Access Management",
};
const AUTHENTICATION: OcsfClass = {
  uid: 3002,
  name: "Authentication",
  categoryUid: 3,
  categoryName: "Identity & Access Management",
};
const API_ACTIVITY: OcsfClass = {
  uid: 6003,
  name: "API Activity",
  categoryUid: 6,
  categoryName: "Application Activity",
};

const OTHER: [number, string] = [99, "Other"];
const ACCOUNT_CHANGE_ACTIVITIES: Record<string, [number, string]> = {
  "member.added": [1, "Create"],
  "member.joined": [1, "Create"],
  "password.changed": [3, "Password Change"],
  "user.profile_updated": [99, "Other"],
  "password.reset_requested": [4, "Password Reset"],
  "password.reset_completed": [4, "Password Reset"],
  "member.removed": [6, "Delete"],
  "member.left": [6, "Delete"],
  "mfa.enrolled": [10, "MFA Factor Enable"],
  "mfa.disabled": [11, "MFA Factor Disable"],
};
const AUTHENTICATION_ACTIVITIES: Record<string, [number, string]> = {
  "user.signed_in": [1, "Logon"],
  "user.sign_in_failed": [1, "Logon"],
  "step_up.passed": [1, "Logon"],
  "step_up.failed": [1, "Logon"],
  "user.signed_out": [2, "Logoff"],
  "session.revoked": [2, "Logoff"],
};
/** API Activity's CRUD activities, from the verb that ends the action (api_key.revoked: Delete). */
const API_VERBS: [RegExp, [number, string]][] = [
  [/\.(created|added|invited|generated|ingested)$/, [1, "Create"]],
  [/\.(exported|verified|viewed|read)$/, [2, "Read"]],
  [/\.(updated|changed|rolled|transferred|plan_changed)$/, [3, "Update"]],
  [/\.(deleted|revoked|auto_revoked|removed|expired)$/, [4, "Delete"]],
];

function classOf(entry: TAuditEntryView): { ocsfClass: OcsfClass; activity: [number, string] } {
  if (/^(member|invitation|ownership|password|mfa)\./.test(entry.action)) {
    return { ocsfClass: ACCOUNT_CHANGE, activity: ACCOUNT_CHANGE_ACTIVITIES[entry.action] ?? OTHER };
  }
  if (entry.category === "authentication") {
    return { ocsfClass: AUTHENTICATION, activity: AUTHENTICATION_ACTIVITIES[entry.action] ?? OTHER };
  }
  return { ocsfClass: API_ACTIVITY, activity: API_VERBS.find(([verb]) => verb.test(entry.action))?.[1] ?? OTHER };
}

type Party = { type: string; id: string | null; display: string | null };

/** An OCSF User. Every user carries a name or a uid (the object's at-least-one constraint). */
function userOf(party: Party) {
  const [typeId, type] =
    party.type === "user" ? [1, "User"] : party.type === "system" ? [3, "System"] : [99, "API Key"];
  return {
    ...(party.id === null ? {} : { uid: party.id }),
    name: party.display ?? party.id ?? type,
    ...(party.display?.includes("@") ? { email_addr: party.display } : {}),
    type_id: typeId,
    type,
  };
}

export function ocsfEventOf(entry: TAuditEntryView): Record<string, unknown> {
  const { ocsfClass, activity } = classOf(entry);
  const [activityId, activityName] = activity;
  const severity = severityOf(entry);
  const success = entry.outcome === "success";
  // The subject of an account change or an authentication: the user acted on when there is one (an
  // invitation's is the invitee, known by email until they join).
  const target = entry.target;
  const subject =
    target?.type === "user"
      ? userOf(target)
      : target?.type === "invitation"
        ? userOf({ type: "user", id: null, display: target.display })
        : userOf(entry.actor);
  const srcEndpoint = entry.ip
    ? { ip: entry.ip, ...(entry.geo?.country ? { location: { country: entry.geo.country } } : {}) }
    : { name: entry.actor.type === "system" ? "Verity" : "unknown" };

  const event: Record<string, unknown> = {
    activity_id: activityId,
    activity_name: activityName,
    category_uid: ocsfClass.categoryUid,
    category_name: ocsfClass.categoryName,
    class_uid: ocsfClass.uid,
    class_name: ocsfClass.name,
    type_uid: ocsfClass.uid * 100 + activityId,
    type_name: `${ocsfClass.name}: ${activityName}`,
    severity_id: severity.ocsfId,
    severity: severity.name,
    time: Date.parse(entry.occurredAt),
    status_id: success ? 1 : 2,
    status: success ? "Success" : "Failure",
    status_detail: entry.outcome,
    message: entry.action,
    metadata: {
      product: { name: "Verity", vendor_name: "Verity" },
      version: OCSF_VERSION,
      uid: entry.id,
      sequence: Number(entry.seq),
      original_time: entry.occurredAt,
      log_name: "audit",
    },
    actor:
      entry.actor.type === "system" ? { app_name: "Verity", user: userOf(entry.actor) } : { user: userOf(entry.actor) },
    src_endpoint: srcEndpoint,
    ...(entry.userAgent || entry.requestId
      ? {
          http_request: {
            ...(entry.userAgent ? { user_agent: entry.userAgent } : {}),
            ...(entry.requestId ? { uid: entry.requestId } : {}),
          },
        }
      : {}),
    unmapped: {
      category: entry.category,
      action: entry.action,
      seq: entry.seq,
      prev_hash: entry.prevHash,
      hash: entry.hash,
      target: entry.target,
      metadata: entry.metadata,
    },
  };

  if (ocsfClass === AUTHENTICATION) {
    const method = typeof entry.metadata.method === "string" ? entry.metadata.method : null;
    return {
      ...event,
      user: subject,
      service: { name: "Verity" },
      ...(method ? { is_mfa: /totp|recovery_code/.test(method) } : {}),
    };
  }
  if (ocsfClass === ACCOUNT_CHANGE) return { ...event, user: subject };
  return {
    ...event,
    api: {
      operation: entry.action,
      service: { name: "Verity" },
      ...(entry.requestId ? { request: { uid: entry.requestId } } : {}),
    },
    ...(entry.target
      ? {
          resources: [
            {
              type: entry.target.type,
              ...(entry.target.id ? { uid: entry.target.id } : {}),
              ...(entry.target.display ? { name: entry.target.display } : {}),
            },
          ],
        }
      : {}),
  };
}

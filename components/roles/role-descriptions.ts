import type { Permission, RoleName } from "@/lib/rbac/permissions";

/** One line per role, in the product's words; the matrix below it is the exact truth. */
export const ROLE_DESCRIPTIONS: Record<RoleName, string> = {
  OWNER:
    "Everything, including the security policy, audit retention, billing, secrets, ownership transfer and deleting the organization.",
  ADMIN:
    "Members (never owners), API keys, webhooks, the audit trail, legal holds, privacy requests and settings; " +
    "not the security policy, retention or billing.",
  MEMBER: "Read-only organization data and their own API keys.",
  AUDITOR: "The audit trail only: read, export and verify it, and see its legal holds.",
};

/**
 * What each permission lets someone do. Partial on purpose: a permission added to the matrix
 * before it is described here still shows, under its code.
 */
export const PERMISSION_DESCRIPTIONS: Partial<Record<Permission, string>> = {
  "org.read": "See the organization",
  "org.update": "Change name, address, branding and features",
  "org.delete": "Delete the organization",
  "org.security_policy": "Set the security policy",
  "org.retention_policy": "Set how long the audit trail is kept",
  "org.transfer_ownership": "Transfer ownership",
  "members.read": "See members",
  "members.invite": "Invite members",
  "members.update": "Change members' roles",
  "members.remove": "Remove members",
  "api_keys.read": "See API keys",
  "api_keys.create": "Create API keys",
  "api_keys.manage_all": "Manage everyone's API keys",
  "webhooks.manage": "Manage webhooks",
  "secrets.manage": "Manage secrets",
  "secrets.read": "Read every secret's value (API keys)",
  "billing.manage": "Manage billing",
  "audit.read": "Read the audit trail",
  "audit.export": "Export the audit trail",
  "audit.verify": "Verify the audit chain",
  "audit.ingest": "Record the organization's own events in the audit trail (API)",
  "legal_holds.manage": "Place and release legal holds",
  "privacy_requests.manage": "Record and answer data-subject requests (GDPR / CCPA)",
};

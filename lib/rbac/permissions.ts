/**
 * The single source of truth for who may do what. The guard, the screens (to hide what a viewer
 * cannot do), the docs page and the tests all read this file.
 */

export const PERMISSIONS = [
  "org.read",
  "org.update",
  "org.delete",
  "org.security_policy",
  "org.retention_policy",
  "org.transfer_ownership",
  "members.read",
  "members.invite",
  "members.update",
  "members.remove",
  "api_keys.read",
  "api_keys.create",
  "api_keys.manage_all",
  "webhooks.manage",
  "secrets.manage",
  "secrets.read",
  "billing.manage",
  "audit.read",
  "audit.export",
  "audit.verify",
  "audit.ingest",
  "legal_holds.manage",
  "security_alerts.read",
  "security_alerts.manage",
  "privacy_requests.manage",
  "messaging.read",
  "messaging.send",
  "messaging.manage",
  "messaging.kill_switch",
  "recordings.read",
  "recordings.write",
  "recordings.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export const ROLES = ["OWNER", "ADMIN", "MEMBER", "AUDITOR"] as const;
export type RoleName = (typeof ROLES)[number];

const ADMIN_EXCLUDES: Permission[] = [
  "org.delete",
  "org.security_policy",
  "org.retention_policy",
  "org.transfer_ownership",
  "secrets.manage",
  "secrets.read",
  "billing.manage",
  "messaging.kill_switch",
];

export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  OWNER: PERMISSIONS,
  ADMIN: PERMISSIONS.filter((permission) => !ADMIN_EXCLUDES.includes(permission)),
  MEMBER: [
    "org.read",
    "members.read",
    "api_keys.read",
    "api_keys.create",
    "messaging.read",
    "messaging.send",
    "recordings.read",
    "recordings.write",
  ],
  AUDITOR: [
    "org.read",
    "audit.read",
    "audit.export",
    "audit.verify",
    "security_alerts.read",
    "messaging.read",
    "recordings.read",
  ],
};

export function roleHasPermission(role: RoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

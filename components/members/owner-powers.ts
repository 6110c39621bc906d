import { PERMISSION_DESCRIPTIONS } from "@/components/roles/role-descriptions";
import { ROLE_PERMISSIONS } from "@/lib/rbac/permissions";

/**
 * What an owner can do that an admin cannot, read from the one permission matrix, plus the rule that
 * makes the Owner role worth guarding (lib/members/membership-rules.ts): only owners grant or remove it.
 */
export const OWNER_POWERS: readonly string[] = [
  ...ROLE_PERMISSIONS.OWNER.filter((permission) => !ROLE_PERMISSIONS.ADMIN.includes(permission)).map(
    (permission) => PERMISSION_DESCRIPTIONS[permission] ?? permission,
  ),
  "Grant or remove the Owner role, and remove other owners",
];

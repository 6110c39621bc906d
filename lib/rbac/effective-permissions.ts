import { ROLE_PERMISSIONS, type Permission, type RoleName } from "./permissions";

/**
 * What a caller may do, decided in one place for both kinds of principal: a person has their role's
 * permissions; an API key has the scopes chosen at its creation intersected with its holder's
 * *current* role, so demoting the holder shrinks the key at once (DESIGN §3).
 */
export function effectivePermissions(role: RoleName, scopes?: readonly string[]): readonly Permission[] {
  const granted = ROLE_PERMISSIONS[role];
  return scopes === undefined ? granted : granted.filter((permission) => scopes.includes(permission));
}

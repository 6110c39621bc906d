import { describe, expect, it } from "vitest";
import { effectivePermissions } from "./effective-permissions";
import { ROLE_PERMISSIONS } from "./permissions";

describe("effectivePermissions", () => {
  it("gives a person their role's permissions", () => {
    expect(effectivePermissions("AUDITOR")).toEqual(ROLE_PERMISSIONS.AUDITOR);
  });

  it("gives a key its scopes within its holder's current role, in the matrix's order", () => {
    const scopes = ["members.invite", "audit.read", "org.read", "not.a_permission"];
    expect(effectivePermissions("ADMIN", scopes)).toEqual(["org.read", "members.invite", "audit.read"]);
    // Demoted to member, the holder's key keeps only what a member may do.
    expect(effectivePermissions("MEMBER", scopes)).toEqual(["org.read"]);
    expect(effectivePermissions("OWNER", [])).toEqual([]);
  });
});

import { ROLES, type RoleName } from "@/lib/rbac/permissions";
import { ROLE_DESCRIPTIONS } from "./role-descriptions";

/** The four roles in a sentence each, the viewer's marked. */
export function RoleList({ viewerRole }: { viewerRole: RoleName }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      {ROLES.map((role) => (
        <div
          key={role}
          className={`rounded-lg border p-4 ${role === viewerRole ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"}`}
        >
          <dt className="text-sm font-semibold">
            {role.charAt(0) + role.slice(1).toLowerCase()}
            {role === viewerRole ? <span className="ml-2 text-xs font-normal text-brand-700">Your role</span> : null}
          </dt>
          <dd className="text-sm text-slate-600">{ROLE_DESCRIPTIONS[role]}</dd>
        </div>
      ))}
    </dl>
  );
}

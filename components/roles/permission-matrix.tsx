import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, type RoleName } from "@/lib/rbac/permissions";
import { PERMISSION_DESCRIPTIONS } from "./role-descriptions";

const roleLabel = (role: RoleName) => role.charAt(0) + role.slice(1).toLowerCase();

/** Permissions × roles, read from the one matrix the server enforces; the viewer's column stands out. */
export function PermissionMatrix({ viewerRole }: { viewerRole: RoleName }) {
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      role="region"
      aria-label="Permissions by role"
      tabIndex={0}
    >
      <table className="w-full text-sm">
        <caption className="sr-only">What each role may do. Your role is {roleLabel(viewerRole)}.</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Permission
            </th>
            {ROLES.map((role) => (
              <th
                key={role}
                scope="col"
                aria-current={role === viewerRole ? "true" : undefined}
                className="px-4 py-2 text-center font-medium aria-[current=true]:bg-brand-50 aria-[current=true]:text-brand-700"
              >
                {roleLabel(role)}
                {role === viewerRole ? <span className="block text-xs font-normal">(your role)</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {PERMISSIONS.map((permission) => (
            <tr key={permission}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <span className="text-slate-800">{PERMISSION_DESCRIPTIONS[permission] ?? permission}</span>{" "}
                <code className="text-xs text-slate-600">{permission}</code>
              </th>
              {ROLES.map((role) => {
                const allowed = ROLE_PERMISSIONS[role].includes(permission);
                return (
                  <td key={role} className={`px-4 py-2 text-center ${role === viewerRole ? "bg-brand-50" : ""}`}>
                    <span aria-hidden className={allowed ? "text-emerald-600" : "text-slate-300"}>
                      {allowed ? "✓" : "—"}
                    </span>
                    <span className="sr-only">{allowed ? "Allowed" : "Not allowed"}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

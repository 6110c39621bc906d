import type { Metadata } from "next";
import { PermissionMatrix } from "@/components/roles/permission-matrix";
import { RoleList } from "@/components/roles/role-list";
import { loadOrgPage } from "@/lib/guard/org-page";

export const metadata: Metadata = { title: "Roles and permissions" };
export const dynamic = "force-dynamic";

/** Everyone in the organization may see what each role can do: it explains what they see and cannot. */
export default async function RolesPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.read");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Roles and permissions</h1>
        <p className="text-sm text-slate-500">
          The same matrix the server enforces on every page, action and API call.
        </p>
      </div>
      <RoleList viewerRole={ctx.role} />
      <PermissionMatrix viewerRole={ctx.role} />
    </div>
  );
}

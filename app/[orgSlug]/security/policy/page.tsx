import type { Metadata } from "next";
import Link from "next/link";
import { SecurityPolicyForm } from "@/components/security/security-policy-form";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { readSecurityPolicy } from "@/lib/orgs/update-security-policy";
import { updateSecurityPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Security policy" };
export const dynamic = "force-dynamic";

export default async function SecurityPolicyPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.security_policy");
  const policy = await readSecurityPolicy(getDb(), ctx.org.id);
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <Link href={`/${ctx.org.slug}/security/sessions`} className="text-sm text-brand-600 hover:underline">
          ← Sessions
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Security policy</h1>
        <p className="text-sm text-slate-500">
          Applies to every member of {ctx.org.name}. A person in several organizations gets the strictest session limits
          among them.
        </p>
      </div>
      <SecurityPolicyForm orgSlug={ctx.org.slug} policy={policy} saveAction={updateSecurityPolicyAction} />
    </div>
  );
}

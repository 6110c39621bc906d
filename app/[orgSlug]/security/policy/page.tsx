import type { Metadata } from "next";
import Link from "next/link";
import { SecurityPolicyForm } from "@/components/security/security-policy-form";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { membersWithoutSecondFactor, readSecurityPolicy } from "@/lib/orgs/update-security-policy";
import { updateSecurityPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Security policy" };
export const dynamic = "force-dynamic";

export default async function SecurityPolicyPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.security_policy");
  const policy = await readSecurityPolicy(getDb(), ctx.org.id);
  const unenrolled = await membersWithoutSecondFactor(getDb(), ctx.org.id);
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
      <SecurityPolicyForm
        orgSlug={ctx.org.slug}
        policy={{ ...policy, requireMfaFrom: policy.requireMfaFrom?.toISOString() ?? null }}
        saveAction={updateSecurityPolicyAction}
      />
      <section aria-labelledby="unenrolled-heading" className="space-y-2">
        <h2 id="unenrolled-heading" className="text-lg font-semibold">
          Members without two-factor authentication
        </h2>
        {unenrolled.length === 0 ? (
          <p className="text-sm text-slate-600">Everyone has set it up.</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              {policy.requireMfa
                ? "The requirement sends them to set it up"
                : "Requiring two-factor authentication would send them to set it up"}
              {policy.requireMfaFrom ? " once the grace period ends" : ""}.
            </p>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
              {unenrolled.map((member) => (
                <li key={member.id} className="flex flex-wrap justify-between gap-2 px-4 py-2" data-testid="unenrolled">
                  <span>
                    {member.name} <span className="text-slate-600">{member.email}</span>
                  </span>
                  <span className="text-slate-600">{member.role.toLowerCase()}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

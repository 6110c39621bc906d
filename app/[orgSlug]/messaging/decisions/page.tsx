import type { Metadata } from "next";
import Link from "next/link";
import { DecisionsTable } from "@/components/messaging/decisions-table";
import { buttonStyles } from "@/components/ui/dialog";
import { inputStyles } from "@/components/ui/field-errors";
import { readClient } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listDecisions, ZDecisionFilter } from "@/lib/messaging/panel/list-decisions";

export const metadata: Metadata = { title: "Decision log" };
export const dynamic = "force-dynamic";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export default async function DecisionLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "messaging.read");
  const query = await searchParams;
  const filter = ZDecisionFilter.parse({ decision: first(query.decision), phone: first(query.phone) });
  const decisions = await listDecisions(readClient(), ctx, filter);
  const canReadAudit = ctx.permissions.includes("audit.read");
  const auditSearch = `/${ctx.org.slug}/audit?${new URLSearchParams({ q: "category:compliance" })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form method="get" aria-label="Filter the decisions" className="flex flex-wrap items-end gap-2 text-sm">
          <div className="space-y-1">
            <label htmlFor="decision-kind" className="block font-medium text-slate-700">
              Decision
            </label>
            <select id="decision-kind" name="decision" defaultValue={filter.decision ?? ""} className={inputStyles}>
              <option value="">Any</option>
              <option value="allow">Allowed</option>
              <option value="block">Blocked</option>
              <option value="reschedule">Rescheduled</option>
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="decision-phone" className="block font-medium text-slate-700">
              Number contains
            </label>
            <input
              id="decision-phone"
              name="phone"
              defaultValue={filter.phone ?? ""}
              className={`${inputStyles} w-48`}
            />
          </div>
          <button type="submit" className={buttonStyles.secondary}>
            Filter
          </button>
        </form>
        {canReadAudit ? (
          <Link href={auditSearch} className="text-sm text-brand-700 underline">
            The whole compliance record in the audit trail
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        The latest 100 decisions of the gate. Each is also an audit entry (message.allowed, message.blocked,
        message.rescheduled) in the organization&apos;s tamper-evident trail, with the facts every check rested on.
      </p>
      <DecisionsTable decisions={decisions} filtered={Boolean(filter.decision || filter.phone)} />
    </div>
  );
}

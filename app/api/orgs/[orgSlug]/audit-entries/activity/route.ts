import { auditActivity, ZAuditActivity } from "@/lib/audit/search/audit-activity";
import { withOrg } from "@/lib/guard/with-org";

/** `?days=90`: entries per UTC day and category, for the dashboard's activity chart. */
export const GET = withOrg(
  { name: "audit.entries.activity", permission: "audit.read", query: ZAuditActivity },
  ({ ctx, tx, query }) => auditActivity(tx, { orgId: ctx.org.id, days: query.days }),
);

import { listAuditEntries, ZListAuditEntries } from "@/lib/audit/list-audit-entries";
import { withOrg } from "@/lib/guard";

export const GET = withOrg(
  { name: "audit.entries.list", permission: "audit.read", query: ZListAuditEntries },
  ({ ctx, tx, query }) => listAuditEntries(tx, { orgId: ctx.org.id, ...query }),
);

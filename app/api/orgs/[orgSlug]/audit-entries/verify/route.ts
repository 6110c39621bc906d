import { verifyAndRecord } from "@/lib/audit/record-verification";
import { withOrg } from "@/lib/guard";

export const POST = withOrg(
  { name: "audit.entries.verify", permission: "audit.verify", transactionTimeoutMs: 300_000 },
  ({ ctx, tx }) => verifyAndRecord({ ctx, tx }),
);

import { withOrg } from "@/lib/guard/with-org";
import { dncExportResponse } from "@/lib/messaging/panel/dnc-export-response";

/** The org's Do Not Contact list as a CSV download (lib/messaging/panel/dnc-export-response.ts). */
export const GET = withOrg({ name: "messaging.dnc.export", permission: "messaging.read" }, async ({ ctx }) =>
  dncExportResponse({ ctx }),
);

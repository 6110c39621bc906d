import { withApiKey } from "@/lib/guard/with-api-key";
import { importDncCsv } from "@/lib/messaging/dnc-import/import-dnc-csv";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.importDnc, ({ ctx, tx, query, bodyStream }) =>
  importDncCsv(tx, ctx, { bytes: bodyStream, fileName: query.fileName }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");

import { publishedLogKeys } from "@/lib/audit/published/published-log-keys";
import { withApiKey } from "@/lib/guard/with-api-key";
import { verifierKeysResponse } from "@/lib/rest/audit-log-responses";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

// Each key once: a key taken up again has two windows in the JSON listing, but a note verifier given the same key
// twice calls it ambiguous (as Go's note.VerifierList does).
export const GET = withApiKey(API_OPERATIONS.listAuditLogVerifierKeys, async ({ db }) =>
  verifierKeysResponse([...new Set((await publishedLogKeys(db)).map((key) => key.vkey))]),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");

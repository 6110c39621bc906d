import { withPublic } from "@/lib/guard/with-public";
import { openApiDocument } from "@/lib/rest/openapi";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withPublic({ name: "api.openapi" }, async () => openApiDocument());

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");

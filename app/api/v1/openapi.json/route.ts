import { withPublic } from "@/lib/guard/with-public";
import { openApiDocument } from "@/lib/rest/openapi";

export const GET = withPublic({ name: "api.openapi" }, async () => openApiDocument());

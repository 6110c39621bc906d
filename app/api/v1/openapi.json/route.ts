import { withPublic } from "@/lib/guard";
import { openApiDocument } from "@/lib/rest/openapi";

export const GET = withPublic({ name: "api.openapi" }, async () => openApiDocument());

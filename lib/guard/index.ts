import "server-only";

// The guard pipeline (pipeline.ts) and its adapters, one per kind of entry point.
export { withOrg } from "./with-org";
export { withPublic } from "./with-public";
export { withApiKey } from "./with-api-key";
export { orgAction } from "./org-action";
export { publicAction } from "./public-action";
export { userAction } from "./user-action";
export { loadOrgPage, requirePrincipal } from "./org-page";
export { currentRequest } from "./incoming-request";
export { currentPrincipal } from "./current-principal";
export { resolvePrincipal } from "./principal";
export { recordCarriedDenial } from "./record-refusal";

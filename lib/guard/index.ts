import "server-only";

export { withOrg, withPublic } from "./with-org";
export { orgAction, publicAction, actionFailure, currentRequest, type ActionErrorCode, type ActionFailure, type ActionResult } from "./org-action";
export { loadOrgPage, requirePrincipal } from "./org-page";
export { currentPrincipal } from "./current-principal";
export { resolvePrincipal } from "./principal";

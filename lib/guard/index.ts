import "server-only";

export { withOrg, withPublic } from "./with-org";
export { orgAction, publicAction, currentRequest } from "./org-action";
export { loadOrgPage, requirePrincipal } from "./org-page";
export { currentPrincipal } from "./current-principal";
export { resolvePrincipal } from "./principal";

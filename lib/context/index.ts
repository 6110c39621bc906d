/**
 * The vocabulary every layer shares: who acts (principals, actors), where (organization, request) and
 * on what (targets). Client-safe: no server-only, no database, no next-auth; imports only lib/rbac.
 */
export type { ActorType, Actor, Target } from "./actor";
export type { Geo, RequestContext } from "./request-context";
export {
  actorOf,
  apiKeyActorDisplay,
  apiKeyDisplay,
  type ApiKeyPrincipal,
  type OrgPrincipal,
  type Principal,
} from "./principal";
export type { OrgContext, OrgRef } from "./org-context";
export { auditedBy, type AuditParty } from "./audit-party";

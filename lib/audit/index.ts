import "server-only";

export { appendAuditEntry, createChainHead, SYSTEM_ACTOR } from "./append-audit-entry";
export { appendForUser } from "./append-for-user";
export type { AuditEvent, AuditActor, AuditTarget, AuditRequestContext, AppendedEntry } from "./append-audit-entry";
export { verifyChain, type ChainVerification, type ChainBreak } from "./verify-chain";
export { AUDIT_CATEGORIES, AUDIT_EVENTS, isAuditAction, type AuditAction, type AuditCategory } from "./event-catalog";
export { GENESIS_HASH, FORMAT_VERSION } from "./entry-content";
export { redactMetadata, REDACTED } from "./redact";

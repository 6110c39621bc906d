import "server-only";

export { appendAuditEntry, createChainHead, SYSTEM_ACTOR } from "./append-audit-entry";
export { appendAuditEntryOnItsOwn } from "./append-audit-entry-on-its-own";
export { appendForUser, appendForUserOnItsOwn } from "./append-for-user";
export type { AuditEvent, AppendedEntry } from "./append-audit-entry";
export { verifyChain, type ChainVerification, type ChainBreak } from "./verify-chain";
export { AUDIT_CATEGORIES, AUDIT_EVENTS, isAuditAction, type AuditAction, type AuditCategory } from "./event-catalog";
export { GENESIS_HASH, FORMAT_VERSION } from "./entry-content";
export { redactMetadata, REDACTED } from "./redact";
export { ZAuditEntryView, type TAuditEntryView } from "./audit-entry-view";
export { entryViewOf } from "./entry-view-of";
export { searchAuditEntries, ZSearchAuditEntries, type AuditSearchPage } from "./search/search-audit-entries";
export { compileAuditSearch, type AuditSearch } from "./search/compile-audit-search";
export { ZAuditFilters, type TAuditFilters } from "./search/audit-filters";
export {
  parseAuditQuery,
  AUDIT_QUERY_QUALIFIERS,
  type AuditQuery,
  type AuditQueryTerm,
} from "./search/parse-audit-query";
export { auditQueryWhere } from "./search/audit-query-where";
export { SearchSyntaxError, searchErrorSpan } from "./search/search-syntax-error";
export { exportAuditEntries, type AuditExport } from "./export/export-audit-entries";
export { AUDIT_EXPORT_FORMATS, ZAuditExportFormat, type AuditExportFormat } from "./export/export-formats";
export { exportAuditBundle } from "./export/export-audit-bundle";
export { verifyAuditBundle, type BundleVerification } from "./export/verify-audit-bundle";

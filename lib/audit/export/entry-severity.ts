import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";

/**
 * How loud an entry is in a SIEM: a success is informational, a failure or denial medium, a security
 * alert or a cross-tenant attempt high. One mapping for OCSF (severity_id) and CEF (0-10).
 */
export type EntrySeverity = { ocsfId: 1 | 3 | 4; name: "Informational" | "Medium" | "High"; cef: number };

export function severityOf(entry: TAuditEntryView): EntrySeverity {
  if (entry.action === "security.alert" || entry.metadata.crossTenant === true)
    return { ocsfId: 4, name: "High", cef: 8 };
  if (entry.outcome !== "success") return { ocsfId: 3, name: "Medium", cef: 6 };
  return { ocsfId: 1, name: "Informational", cef: 3 };
}

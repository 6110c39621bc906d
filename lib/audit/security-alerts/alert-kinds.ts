/**
 * Every kind of security alert, its severity, and what the dashboard calls it. Pure (no server imports): the
 * event catalog, the screens and the REST schema read it.
 */
export const SECURITY_ALERT_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type SecurityAlertSeverity = (typeof SECURITY_ALERT_SEVERITIES)[number];

export const SECURITY_ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type SecurityAlertStatus = (typeof SECURITY_ALERT_STATUSES)[number];

export const SECURITY_ALERT_KINDS = {
  repeated_cross_tenant_attempts: { severity: "high", title: "Repeated attempts to reach another organization's data" },
  audit_chain_broken: { severity: "critical", title: "The audit chain failed verification" },
  repeated_failed_sign_ins: { severity: "medium", title: "Repeated failed sign-ins" },
  sign_in_lockout: { severity: "high", title: "An account was locked out after failed sign-ins" },
  api_key_new_address: { severity: "medium", title: "An API key was used from a new address" },
  api_key_ip_refused: { severity: "high", title: "An IP-pinned API key was used from outside its ranges" },
  secret_unreadable: { severity: "high", title: "A stored secret could not be decrypted" },
  recording_redaction_failed: { severity: "high", title: "A call recording could not be redacted: it stays locked" },
  secret_revealed_by_new: { severity: "medium", title: "A secret was revealed by someone who had not seen it before" },
  staff_support_session: { severity: "medium", title: "Verity staff opened the organization in support mode" },
} as const satisfies Record<string, { severity: SecurityAlertSeverity; title: string }>;

export type SecurityAlertKind = keyof typeof SECURITY_ALERT_KINDS;
export const SECURITY_ALERT_KIND_NAMES = Object.keys(SECURITY_ALERT_KINDS) as [
  SecurityAlertKind,
  ...SecurityAlertKind[],
];

/** Repeats of one kind about one subject within this long of the last one count on the same alert. */
export const ALERT_GROUPING_WINDOW_MINUTES = 60;

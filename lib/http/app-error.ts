import { z } from "zod";
import type { Actor, Target } from "@/lib/context";

/** The one error type the domain throws on purpose; each code has one HTTP status. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  payment_required: 402,
  forbidden: 403,
  step_up_required: 403,
  mfa_required: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type AppErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<AppErrorCode, string> = {
  invalid_input: "Invalid input",
  unauthenticated: "Authentication required",
  payment_required: "Payment required",
  forbidden: "Forbidden",
  step_up_required: "Re-authentication required",
  mfa_required: "Two-factor authentication required",
  not_found: "Not found",
  conflict: "Conflict",
  unprocessable: "Unprocessable request",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Too many requests",
  unavailable: "Service unavailable",
};

export type FieldErrors = Record<string, string[]>;

/** What the audit trail records about a refusal a domain service decided (beyond the guard's own checks). */
export type Denial = {
  permission: string;
  reason: string;
  crossTenant?: boolean;
  /**
   * The organization (or, for a person's id or session, every organization of that person) whose
   * object was asked for, when it is not the caller's: a cross-tenant probe is recorded there.
   */
  targetOrgId?: string | string[];
  /** A plan limit, not a permission: recorded as billing.limit_reached instead of access.denied. */
  limit?: { name: string; plan: string; allowed: number };
  /** A change attempted in support mode: recorded as staff_access.write_refused with the session's facts. */
  support?: { actor: Actor; target: Target; metadata: Record<string, unknown> };
};

/**
 * Members an error adds to its problem+json body (RFC 9457 §3.2 extension members), such as where a
 * malformed search went wrong. They never replace the standard members (type, title, status, detail).
 */
export type ProblemExtensions = Record<string, string | number | boolean | null>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    /** Set when the refusal is evidence: the guard records it as access.denied after the rollback. */
    readonly denial?: Denial,
    readonly extensions?: ProblemExtensions,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  get title(): string {
    return TITLES[this.code];
  }

  static fromZod(error: z.ZodError): AppError {
    return new AppError("invalid_input", "The request has invalid fields.", fieldErrorsOf(error));
  }
}

/**
 * Adds a message under `key`, as an own property: a client's field may be called "constructor" or
 * "__proto__", which a plain `fields[key] ??= []` would find on Object.prototype.
 */
export function addFieldError(fields: FieldErrors, key: string, message: string) {
  if (!Object.hasOwn(fields, key))
    Object.defineProperty(fields, key, { value: [], enumerable: true, writable: true, configurable: true });
  fields[key].push(message);
}

/** zod issues keyed by field path ("email", "items.0.name"); "_" for the whole object. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues)
    addFieldError(fields, issue.path.length ? issue.path.join(".") : "_", issue.message);
  return fields;
}

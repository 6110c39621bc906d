import "server-only";
import { AppError } from "@/lib/http/app-error";
import { validateOverrides } from "@/lib/messaging/rules";

/** Overrides must name rules in the table and only tighten them (lib/messaging/rules); otherwise a 400 per field. */
export function checkRuleOverrides(overrides: Record<string, unknown>) {
  const errors = validateOverrides(overrides);
  if (errors.length === 0) return;
  const fields: Record<string, string[]> = {};
  for (const error of errors) (fields[`ruleOverrides.${error.ruleId}.${error.field}`] ??= []).push(error.message);
  throw new AppError("invalid_input", "The rule overrides are not valid.", fields);
}

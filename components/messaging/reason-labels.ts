/** A reason code as words ("dnc_listed" → "Dnc listed"), for codes the screen has no sentence for. */
export function reasonLabel(code: string): string {
  const words = code.replace(/[_.]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

export const CHECK_LABELS: Record<string, string> = {
  kill_switch: "Kill switch",
  dnc: "Do Not Contact list",
  lead: "Lead in the organization",
  opt_out: "Opt-out",
  consent: "SMS consent on file",
  business_hours: "Business hours in the recipient's zone",
  state_rules: "State rules and frequency caps",
};

export const DECISION_LABELS: Record<string, string> = {
  allow: "Allowed",
  block: "Blocked",
  reschedule: "Rescheduled",
};

export const utcTime = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

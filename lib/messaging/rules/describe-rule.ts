import { spokenTime } from "./clock";
import { HOLIDAY_LABELS } from "./holidays";
import type { MessagingRule } from "./types";
import { STATE_NAMES } from "./us-zones";

const list = (items: string[]) =>
  items.length <= 2 ? items.join(" and ") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/**
 * One plain sentence for a screen, e.g. "Florida: marketing messages only between 8:00 a.m. and 8:00 p.m. in
 * the recipient's time zone, and at most 3 in 24 hours on the same subject (Fla. Stat. § 501.616(6)(a)–(b))."
 */
export function describeRule(rule: MessagingRule): string {
  const where = rule.jurisdiction === "US" ? "Federal" : (STATE_NAMES[rule.jurisdiction] ?? rule.jurisdiction);
  const what = rule.appliesTo.length > 1 ? "all messages" : `${rule.appliesTo[0]} messages`;
  const parts: string[] = [];
  if (rule.window) {
    parts.push(
      `only between ${spokenTime(rule.window.start)} and ${spokenTime(rule.window.end)} in the recipient's time zone`,
    );
  }
  if (rule.noSundays) parts.push("never on a Sunday");
  if (rule.noHolidays && rule.noHolidays.length > 0) {
    parts.push(
      `never on ${list(rule.noHolidays.map((name) => HOLIDAY_LABELS[name]))} (or the weekday each is observed on)`,
    );
  }
  if (rule.maxPer24h !== undefined) {
    const scope = rule.capScope === "any" ? "from the organization" : "on the same subject";
    parts.push(`at most ${rule.maxPer24h} in 24 hours ${scope}`);
  }
  const body = parts.length > 0 ? list(parts) : "no restriction";
  const overridden = rule.overridden ? " Tightened by the campaign." : "";
  return `${where}: ${what} ${body} (${rule.statute}).${overridden}`;
}

import "server-only";
import { checkSendWindow, resolveTimeZones } from "@/lib/messaging/rules";
import type { CheckFn, CheckOutcome } from "../gate-types";
import { recipientRules } from "./recipient-rules";

const RESCHEDULE_CODES = {
  outside_hours: "outside_send_window",
  sunday: "sunday_ban",
  holiday: "holiday_ban",
} as const;

/**
 * 6. Business hours in the recipient's zone, under every applicable rule's window, Sunday and holiday bans. Off
 * hours reschedules to the next permitted minute in every candidate zone; no zone at all is a block naming the fact.
 */
export const businessHoursCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  const applicable = await recipientRules(subject);
  if (!applicable.ok) return { verdict: "block", code: applicable.code, facts: applicable.facts };
  const contact = (await subject.contact())!;
  const resolved = await resolveTimeZones({
    e164: contact.phoneE164,
    state: contact.state,
    zip: contact.zip,
    timeZone: contact.timeZone,
  });
  const zoneFacts = { zones: resolved.zones, zoneSource: resolved.source, zoneAmbiguous: resolved.ambiguous };
  if (resolved.zones.length === 0) return { verdict: "block", code: "time_zone_unknown", facts: zoneFacts };
  const window = checkSendWindow({ now: subject.now, zones: resolved.zones, rules: applicable.rules });
  const facts = {
    ...zoneFacts,
    localTimes: window.local.map((local) => `${local.zone} ${local.time}`),
    ruleIds: window.ruleIds,
  };
  if (window.ok) return { verdict: "pass", code: "within_send_window", facts };
  if (window.reason === "time_zone_unknown" || !window.sendAfter)
    return {
      verdict: "block",
      code: window.reason === "time_zone_unknown" ? "time_zone_unknown" : "no_permitted_time",
      facts,
    };
  return { verdict: "reschedule", code: RESCHEDULE_CODES[window.reason], facts, sendAfter: window.sendAfter };
};

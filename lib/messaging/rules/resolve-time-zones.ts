import tzLookup from "tz-lookup";
import zipcodes from "zipcodes";
import { areaCodeZones } from "./area-code-zones";
import type { ResolvedZones } from "./types";
import { sameClock, STATE_ZONES } from "./us-zones";
import { isValidZone } from "./zone-clock";

export type TimeZonePlace = { e164: string; state?: string | null; zip?: string | null; timeZone?: string | null };

const unique = (zones: readonly string[]) => [...new Set(zones)];
const resolved = (zones: string[], source: ResolvedZones["source"]): ResolvedZones => ({
  zones,
  source,
  ambiguous: zones.length > 1,
});

/** The zone at a US ZIP code's centroid (zipcodes → latitude/longitude → tz-lookup), with the ZIP's state. */
function zipZone(zip: string): { zone: string; state: string } | null {
  const five = /^(\d{5})(?:-\d{4})?$/.exec(zip.trim())?.[1];
  const place = five ? zipcodes.lookup(five) : undefined;
  if (!place || typeof place.latitude !== "number" || typeof place.longitude !== "number") return null;
  return { zone: tzLookup(place.latitude, place.longitude), state: place.state };
}

/**
 * The recipient's candidate IANA zones, most reliable source first: a valid given zone; else the ZIP code's
 * zone (joined by the state's zones when the ZIP lies in another state than the one given); else the area
 * code's zones, joined by the state's when the two disagree (a ported number: either may be right); else the
 * state's zones; else none ("unknown": the caller must not send). Several zones = ambiguous: every rule must
 * hold in all of them (the strictest window).
 */
export async function resolveTimeZones(place: TimeZonePlace): Promise<ResolvedZones> {
  const given = place.timeZone?.trim();
  if (given && isValidZone(given)) return resolved([given], "given");

  const state = place.state?.trim().toUpperCase() || null;
  const stateZones = state ? [...(STATE_ZONES[state] ?? [])] : [];

  const zip = place.zip ? zipZone(place.zip) : null;
  if (zip) {
    const agrees = !state || zip.state === state || stateZones.length === 0;
    return resolved(agrees ? [zip.zone] : unique([sameClock(zip.zone), ...stateZones]), "zip");
  }

  const byAreaCode = await areaCodeZones(place.e164);
  if (byAreaCode.length > 0) {
    if (stateZones.length === 0) return resolved(byAreaCode, "area_code");
    const both = byAreaCode.filter((zone) => stateZones.includes(zone));
    return resolved(both.length > 0 ? both : unique([...byAreaCode, ...stateZones]), "area_code");
  }

  if (stateZones.length > 0) return resolved(stateZones, "state");
  return resolved([], "unknown");
}

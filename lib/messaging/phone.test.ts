import { expect, test } from "vitest";
import { parsePhone } from "./phone";

test("a valid number in international format", () => {
  expect(parsePhone("+1 212-555-0123")).toEqual({ e164: "+12125550123", country: "US", nationalNumber: "2125550123" });
  expect(parsePhone("+44 20 7946 0958")).toEqual({
    e164: "+442079460958",
    country: "GB",
    nationalNumber: "2079460958",
  });
});

test("national format needs the default country", () => {
  expect(parsePhone("(212) 555-0123", "US")?.e164).toBe("+12125550123");
  expect(parsePhone("212.555.0123", "US")?.e164).toBe("+12125550123");
  expect(parsePhone("(212) 555-0123")).toBeNull();
});

test("invalid numbers are null: wrong length, impossible area code, letters, empty, absurdly long", () => {
  expect(parsePhone("+1 212 555 012")).toBeNull();
  expect(parsePhone("+1 123 456 7890")).toBeNull(); // no area code starts with 1
  expect(parsePhone("call me")).toBeNull();
  expect(parsePhone("")).toBeNull();
  expect(parsePhone("1".repeat(200))).toBeNull();
});

import { expect, test } from "vitest";
import { parsePhone, parsePhoneUncached } from "./phone";

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

test("the NANP exchange cache answers as the full parse, whatever the line number (Canada, the Caribbean, invalid)", () => {
  let seed = 20;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const exchanges = [
    "212555",
    "416555",
    "876555",
    "787555",
    "305200",
    "505640",
    "505644",
    "555555",
    "011234",
    "800555",
  ];
  for (let i = 0; i < 400; i++) exchanges.push(String(200 + next(800)) + String(next(1000)).padStart(3, "0"));
  for (const exchange of exchanges) {
    for (let line = 0; line < 6; line++) {
      const number = `+1${exchange}${String(next(10_000)).padStart(4, "0")}`;
      expect(parsePhone(number), number).toEqual(parsePhoneUncached(number));
    }
  }
  expect(parsePhone("+14165550123")?.country).toBe("CA");
  expect(parsePhone("+18765550123")?.country).toBe("JM");
});

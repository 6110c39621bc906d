import { describe, expect, it } from "vitest";
import { cardNetworkOf, hasCardNetworkPrefix, isNetworkCardNumber, passesLuhn } from "./card-networks";

describe("card networks", () => {
  it.each([
    ["4111111111111111", "visa"],
    ["4222222222222", "visa"],
    ["5555555555554444", "mastercard"],
    ["2223003122003222", "mastercard"],
    ["2720990000000007", "mastercard"],
    ["378282246310005", "amex"],
    ["6011111111111117", "discover"],
    ["6445644564456445", "discover"],
    ["6221260000000000", "discover"],
    ["3056930009020004", "diners"],
    ["36227206271667", "diners"],
    ["3566002020360505", "jcb"],
    ["6200000000000005", "unionpay"],
    ["6205500000000000004", "unionpay"],
    ["6759649826438453", "maestro"],
    ["501800000009", "maestro"],
  ])("names %s a %s card", (digits, network) => {
    expect(cardNetworkOf(digits)).toBe(network);
    expect(isNetworkCardNumber(digits)).toBe(true);
  });

  it("refuses Luhn failures, wrong lengths for the range and numbers outside every range", () => {
    expect(passesLuhn("4111111111111112")).toBe(false);
    expect(isNetworkCardNumber("4111111111111112")).toBe(false);
    expect(cardNetworkOf("555555555555444")).toBeNull(); // Mastercard is 16 digits
    expect(cardNetworkOf("2721000000000000")).toBeNull(); // above the 2-series range
    expect(isNetworkCardNumber("1234567812345670")).toBe(false);
    expect(hasCardNetworkPrefix("1234567812345670")).toBe(false);
    expect(isNetworkCardNumber("41111111111111110000")).toBe(false);
  });
});

import { describe, it, expect } from "vitest";
import { REDACTED, redactMetadata } from "./redact";

describe("redactMetadata: secret keys", () => {
  it("redacts secret-named keys at any depth and inside arrays, whatever the value type", () => {
    const input = {
      password: "hunter2",
      user: { profile: { settings: { apiKey: "abc", "X-Api-Key": 42 } } },
      headers: [{ Authorization: "Basic xyz" }, { cookie: { sid: "s1" } }, { set_cookie: ["a", "b"] }],
      oauth: { access_token: "t", refresh_token: null, client_secret: "cs" },
      mfa: { otp: "123456", PIN: 1234, recovery_codes: ["a", "b"] },
      tokenCount: 12,
    };
    expect(redactMetadata(input)).toEqual({
      password: REDACTED,
      user: { profile: { settings: { apiKey: REDACTED, "X-Api-Key": REDACTED } } },
      headers: [{ Authorization: REDACTED }, { cookie: REDACTED }, { set_cookie: REDACTED }],
      oauth: { access_token: REDACTED, refresh_token: REDACTED, client_secret: REDACTED },
      mfa: { otp: REDACTED, PIN: REDACTED, recovery_codes: REDACTED },
      tokenCount: REDACTED,
    });
  });

  it("keeps ordinary keys that merely contain a short secret word", () => {
    const input = { footprint: "f", company: "Acme", author: "ann", expand: true, spinner: 1, pinned: "p" };
    expect(redactMetadata(input)).toEqual(input);
  });
});

describe("redactMetadata: card numbers", () => {
  it("redacts a card, its expiry and cvv in free text and keeps the surrounding words", () => {
    expect(redactMetadata({ reason: "customer said card 4111-1111-1111-1111 exp 12/27 cvv 123 failed" })).toEqual({
      reason: `customer said card ${REDACTED} exp ${REDACTED} cvv ${REDACTED} failed`,
    });
  });

  it.each([
    ["Visa spaced", "4111 1111 1111 1111"],
    ["Amex", "378282246310005"],
    ["Mastercard", "5555555555554444"],
    ["2-series Mastercard", "2223003122003222"],
    ["Discover", "6011111111111117"],
  ])("redacts a %s number", (_name, card) => {
    expect(redactMetadata(`paid with ${card} today`)).toBe(`paid with ${REDACTED} today`);
  });

  it("redacts the companion formats named in the policy", () => {
    expect(redactMetadata("4242424242424242 CVC: 1234 expiry 03/2029")).toBe(
      `${REDACTED} CVC: ${REDACTED} expiry ${REDACTED}`,
    );
    expect(redactMetadata("4242424242424242, security code 987, expires 1/28")).toBe(
      `${REDACTED}, security code ${REDACTED}, expires ${REDACTED}`,
    );
  });

  it("leaves expiry-like text and codes alone when no card is present", () => {
    expect(redactMetadata("renewal 12/27, cvv step skipped 123")).toBe("renewal 12/27, cvv step skipped 123");
  });

  it("keeps Luhn-invalid numbers, non-card prefixes and longer digit runs", () => {
    expect(redactMetadata("order 4111111111111112")).toBe("order 4111111111111112");
    expect(redactMetadata("id 1234567812345670")).toBe("id 1234567812345670"); // Luhn-valid, no network prefix
    expect(redactMetadata("ref 41111111111111110000")).toBe("ref 41111111111111110000"); // 20-digit run that starts with a card
    expect(redactMetadata("ref 12345678901234567890")).toBe("ref 12345678901234567890");
  });

  it("leaves UUIDs whole, even where their digit groups pass Luhn with a card prefix, and still finds a card beside one", () => {
    // "3-4931-9191-6372" reads 3493191916372 (American Express prefix, Luhn-valid); "6273224-9705-48", UnionPay.
    const ids = {
      invitationId: "9f98280b-daa3-4931-9191-6372f1661928",
      decisionId: "d6273224-9705-48b4-b061-a92a7a22a7e4",
    };
    expect(redactMetadata(ids)).toEqual(ids);
    expect(redactMetadata("11111111-1111-4111-8111-111111111111")).toBe("11111111-1111-4111-8111-111111111111");
    expect(redactMetadata("msg 9f98280b-daa3-4931-9191-6372f1661928 card 4111 1111 1111 1111")).toBe(
      `msg 9f98280b-daa3-4931-9191-6372f1661928 card ${REDACTED}`,
    );
  });

  it("finds a card among neighbouring digit groups without eating them", () => {
    expect(redactMetadata("qty 2 4111 1111 1111 1111 1234")).toBe(`qty 2 ${REDACTED} 1234`);
  });

  it("redacts sibling expiry fields of a card held in an object", () => {
    expect(redactMetadata({ number: "4242424242424242", expMonth: 12, expYear: 2030, brand: "visa" })).toEqual({
      number: REDACTED,
      expMonth: REDACTED,
      expYear: REDACTED,
      brand: "visa",
    });
    expect(redactMetadata({ number: 4242424242424242, exp_date: "12/30" })).toEqual({
      number: REDACTED,
      exp_date: REDACTED,
    });
    expect(redactMetadata({ number: "42", expMonth: 12 })).toEqual({ number: "42", expMonth: 12 });
  });
});

describe("redactMetadata: tokens by shape", () => {
  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

  it("redacts Bearer tokens, JWTs and Verity credentials inside strings", () => {
    expect(redactMetadata("sent header Bearer abc.DEF-123_x~ from curl")).toBe(
      `sent header Bearer ${REDACTED} from curl`,
    );
    expect(redactMetadata(`session ${jwt} expired`)).toBe(`session ${REDACTED} expired`);
    expect(redactMetadata("leaked vk_live_4fG9aZ01 and vk_test_Q1w2e3 in repo")).toBe(
      `leaked ${REDACTED} and ${REDACTED} in repo`,
    );
    expect(redactMetadata({ note: "rotate whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" })).toEqual({
      note: `rotate ${REDACTED}`,
    });
  });

  it("redacts Basic credentials but not the word basic", () => {
    expect(redactMetadata("Authorization: Basic dXNlcjpwYXNzd29yZA==")).toBe(`Authorization: Basic ${REDACTED}`);
    expect(redactMetadata("moved from basic plan to pro")).toBe("moved from basic plan to pro");
  });
});

describe("redactMetadata: copying", () => {
  it("does not mutate its input and returns a fresh copy", () => {
    const input = { password: "p", nested: { note: "card 4111111111111111" }, list: [1, { token: "t" }] };
    const snapshot = structuredClone(input);
    const output = redactMetadata(input) as typeof input;
    expect(input).toEqual(snapshot);
    expect(output.nested).not.toBe(input.nested);
    expect(output.list).not.toBe(input.list);
  });

  it("normalises values to JSON: Dates to ISO strings, undefined and functions dropped", () => {
    const at = new Date("2024-05-06T07:08:09.000Z");
    expect(
      redactMetadata({ at, list: [at, undefined], gone: undefined, fn: () => 1, n: 1, ok: true, nil: null }),
    ).toEqual({
      at: "2024-05-06T07:08:09.000Z",
      list: ["2024-05-06T07:08:09.000Z", null],
      n: 1,
      ok: true,
      nil: null,
    });
  });

  it("replaces subtrees beyond the depth limit, including cycles", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    let node = redactMetadata(cyclic) as Record<string, unknown>;
    let depth = 0;
    while (typeof node.self === "object") {
      node = node.self as Record<string, unknown>;
      depth++;
    }
    expect(node.self).toBe(REDACTED);
    expect(depth).toBeGreaterThanOrEqual(15);
    expect(depth).toBeLessThanOrEqual(25);
  });
});

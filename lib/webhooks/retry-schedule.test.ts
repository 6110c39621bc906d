import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, MAX_RETRY_AFTER_MS, nextAttemptAt, parseRetryAfter } from "./retry-schedule";

const now = new Date("2026-03-02T12:00:00.000Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const after = (date: Date | null) => (date === null ? null : date.getTime() - now.getTime());
const middle = () => 0.5; // no jitter

describe("nextAttemptAt", () => {
  it("follows the schedule 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS + 2 }, (_, attempt) =>
      after(nextAttemptAt({ attempt, now, random: middle })),
    );
    expect(delays).toEqual([
      0,
      5 * SECOND,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      10 * HOUR,
      null,
      null,
    ]);
  });

  it("spreads each retry by at most 10% either way", () => {
    expect(after(nextAttemptAt({ attempt: 4, now, random: () => 0 }))).toBe(2 * HOUR * 0.9);
    expect(after(nextAttemptAt({ attempt: 4, now, random: () => 0.999999 }))).toBeCloseTo(2 * HOUR * 1.1, -2);
    expect(after(nextAttemptAt({ attempt: 0, now, random: () => 0.9 }))).toBe(0);
  });

  it("waits as long as Retry-After asks when that is longer than the schedule, never less", () => {
    expect(after(nextAttemptAt({ attempt: 1, now, retryAfter: "120", random: () => 0 }))).toBe(120 * SECOND);
    // Jitter on a requested delay only ever adds.
    expect(after(nextAttemptAt({ attempt: 1, now, retryAfter: "120", random: () => 0.5 }))).toBe(120 * SECOND * 1.05);
    // A shorter request does not make us retry sooner than scheduled.
    expect(after(nextAttemptAt({ attempt: 3, now, retryAfter: "1", random: middle }))).toBe(30 * MINUTE);
    expect(
      after(nextAttemptAt({ attempt: 2, now, retryAfter: "Mon, 02 Mar 2026 13:00:00 GMT", random: () => 0 })),
    ).toBe(HOUR);
  });

  it("caps a Retry-After at a day, and still gives up after the last attempt", () => {
    expect(after(nextAttemptAt({ attempt: 2, now, retryAfter: String(7 * 24 * 3600), random: middle }))).toBe(
      MAX_RETRY_AFTER_MS,
    );
    expect(after(nextAttemptAt({ attempt: 2, now, retryAfter: "9".repeat(30), random: middle }))).toBe(
      MAX_RETRY_AFTER_MS,
    );
    expect(nextAttemptAt({ attempt: MAX_ATTEMPTS, now, retryAfter: "60" })).toBeNull();
  });

  it("ignores a malformed Retry-After", () => {
    expect(after(nextAttemptAt({ attempt: 2, now, retryAfter: "soon", random: middle }))).toBe(5 * MINUTE);
  });

  it("refuses a nonsensical attempt count", () => {
    expect(() => nextAttemptAt({ attempt: -1, now })).toThrow(/attempt/);
    expect(() => nextAttemptAt({ attempt: 1.5, now })).toThrow(/attempt/);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["0", 0],
    ["120", 120 * SECOND],
    [" 30 ", 30 * SECOND],
    ["Mon, 02 Mar 2026 12:05:00 GMT", 5 * MINUTE], // IMF-fixdate
    ["Monday, 02-Mar-26 12:00:30 GMT", 30 * SECOND], // RFC 850
    ["Mon Mar  2 12:01:00 2026", MINUTE], // asctime, GMT by definition
    ["Mon, 02 Mar 2026 11:00:00 GMT", 0], // already past
  ])("reads %j as %i ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [""],
    ["-5"],
    ["1.5"],
    ["soon"],
    ["2026-03-02T13:00:00Z"],
    ["Mon, 02 Mar 2026 12:05:00 PST"],
  ])("refuses %j", (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});

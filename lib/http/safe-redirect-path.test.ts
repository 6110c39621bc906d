import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect-path";

const ORIGIN = "https://verity.example.test";
const follow = (value: unknown, fallback?: string) => safeRedirectPath(value, ORIGIN, fallback);

describe("safeRedirectPath", () => {
  it("follows a path on the panel, with its query and fragment", () => {
    expect(follow("/acme/members")).toBe("/acme/members");
    expect(follow("/invitations/abc_DEF-123")).toBe("/invitations/abc_DEF-123");
    expect(follow("/acme/audit?q=action%3Amember.*&page=2#entry-7")).toBe(
      "/acme/audit?q=action%3Amember.*&page=2#entry-7",
    );
    expect(follow("/")).toBe("/");
  });

  // The review's vectors: each one made a browser leave the panel.
  it.each([
    ["a backslash for the second slash", "/\\evil.example/x"],
    ["two backslashes", "/\\\\evil"],
    ["a tab after the slash", "/\tevil.example"],
    ["a tab between the slashes", "/\t/evil.example"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["an absolute URL", "https://evil.example"],
    ["an absolute URL without slashes", "https:evil.example"],
    ["a javascript: URL", "javascript:alert(document.domain)"],
    ["a path that normalizes to //", "/.//evil.example"],
    ["a path that normalizes to // from above", "/a/..//evil.example"],
    ["a leading space", " /acme"],
    ["a NUL", "/acme\u0000"],
    ["DEL", "/\u007f/evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["a non-breaking space", "/\u00a0/evil.example"],
    ["a line separator", "/\u2028/evil.example"],
    ["an empty value", ""],
    ["a relative path", "acme/members"],
  ])("refuses %s", (_, value) => {
    expect(follow(value)).toBe("/");
  });

  it("keeps a percent-encoded tab or backslash as a path on the panel (the browser does not decode it)", () => {
    expect(follow("/%09/evil.example")).toBe("/%09/evil.example");
    expect(follow("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(new URL(follow("/%09/evil.example"), ORIGIN).origin).toBe(ORIGIN);
    // Decoded (as the page's searchParams hand it over), the same value is refused.
    expect(follow(decodeURIComponent("/%09/evil.example"))).toBe("/");
  });

  it("answers the fallback for anything that is not one string", () => {
    expect(follow(undefined, "/account")).toBe("/account");
    expect(follow(null)).toBe("/");
    expect(follow(["/acme", "/other"])).toBe("/");
    expect(follow(`/${"a".repeat(5000)}`)).toBe("/");
  });

  it("never answers anything that leaves the origin, whatever the input", () => {
    // Random strings over the pieces the vectors above are made of (a seeded generator: the same run each time).
    const pieces = [
      "/",
      "/",
      "\\",
      "\t",
      ".",
      "..",
      "%2f",
      "%5c",
      "%09",
      "evil.example",
      ":",
      "@",
      "?",
      "#",
      "\n",
      " ",
      "https:",
    ];
    let seed = 0x5eed;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
    let followed = 0;
    for (let i = 0; i < 20_000; i++) {
      const value =
        "/" +
        Array.from({ length: 1 + Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join(
          "",
        );
      const answer = follow(value);
      if (answer !== "/") followed++;
      expect(
        answer.startsWith("/") && !answer.startsWith("//") && !answer.includes("\\"),
        `${JSON.stringify(value)} → ${answer}`,
      ).toBe(true);
      expect(new URL(answer, ORIGIN).origin).toBe(ORIGIN);
      expect(new URL(answer, ORIGIN).host).toBe("verity.example.test");
    }
    expect(followed, "the generator also makes paths that are followed").toBeGreaterThan(1000);
  });
});

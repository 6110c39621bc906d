import { describe, expect, it } from "vitest";
import { cefLineOf, escapeCefExtension, escapeCefHeader } from "./cef-format";
import { testEntry } from "./export-test-helpers";

/** The extension's key=value pairs, unescaped as a CEF reader would. */
function extensionOf(line: string): Record<string, string> {
  const extension = line
    .split(/(?<!\\)\|/)
    .slice(7)
    .join("|");
  const fields: Record<string, string> = {};
  for (const match of extension.matchAll(/(\w+)=((?:\\.|[^\\])*?)(?= \w+=|$)/g)) {
    fields[match[1]] = match[2].replace(/\\(.)/g, (_, char: string) =>
      char === "n" ? "\n" : char === "r" ? "\r" : char,
    );
  }
  return fields;
}

describe("CEF", () => {
  it("writes the header: version, vendor, product, version, class id, name, severity", () => {
    const line = cefLineOf(testEntry());
    expect(line.startsWith("CEF:0|Verity|Verity|1.0|custom.payout.approved|custom.payout.approved|3|")).toBe(true);
    expect(cefLineOf(testEntry({ outcome: "denied" }))).toMatch(
      /^CEF:0\|Verity\|Verity\|1\.0\|custom\.payout\.approved\|custom\.payout\.approved \(denied\)\|6\|/,
    );
  });

  it("escapes backslash and pipe in the header, and keeps it on one line", () => {
    expect(escapeCefHeader("a|b\\c")).toBe("a\\|b\\\\c");
    expect(escapeCefHeader("two\nlines\r\nhere")).toBe("two lines here");
  });

  it("escapes backslash, equals sign and line breaks in extension values; pipes need none", () => {
    expect(escapeCefExtension("a=b\\c|d")).toBe("a\\=b\\\\c|d");
    expect(escapeCefExtension("one\ntwo\r\nthree\rfour")).toBe("one\\ntwo\\nthree\\rfour");
  });

  it("a hostile display cannot add fields or lines", () => {
    const display = "eve act=user.signed_out\nCEF:0|Forged|x|1|y|z|10|";
    const line = cefLineOf(
      testEntry({ actor: { type: "user", id: "u-eve", display }, metadata: { path: "C:\\temp" } }),
    );
    expect(line.split("\n")).toHaveLength(1);
    const fields = extensionOf(line);
    expect(fields.suser).toBe(display);
    expect(fields.act).toBe("custom.payout.approved");
    expect(JSON.parse(fields.cs5)).toEqual({ path: "C:\\temp" });
  });

  it("carries the entry's fields under CEF's keys", () => {
    expect(extensionOf(cefLineOf(testEntry()))).toMatchObject({
      rt: String(Date.parse("2026-11-25T13:28:18.123Z")),
      externalId: testEntry().id,
      cat: "custom",
      act: "custom.payout.approved",
      outcome: "success",
      suser: "ada@example.com",
      duid: "po_1",
      src: "203.0.113.7",
      requestClientApplication: "Mozilla/5.0",
      cn1Label: "seq",
      cn1: "42",
      cs6: "b".repeat(64),
    });
    const v6 = extensionOf(cefLineOf(testEntry({ ip: "2001:db8::5", target: null })));
    expect(v6).toMatchObject({ c6a2: "2001:db8::5", c6a2Label: "Source IPv6 Address" });
    expect(v6).not.toHaveProperty("src");
    expect(v6).not.toHaveProperty("duser");
  });
});

import { describe, expect, it } from "vitest";
import { contentHashOf, contentHashOfParsed, type EntryContent } from "@/lib/audit/entry-content";
import type { EntryTextRow } from "@/lib/audit/read-entry-pages";
import { bundleEntryOf, bundleLineOf } from "./export-audit-bundle";
import { contentOfBundleEntry } from "./audit-bundle-format";

const ORG = "0b6f2f7e-6a1e-4c8e-9d0e-3f1c2a4b5c6d";
const hex = (digit: string) => digit.repeat(64);

/** Rows as PostgreSQL gives them (jsonb text with its spaces), with the characters JSON escapes and non-ASCII. */
const rows: EntryTextRow[] = [
  [
    "1",
    "5e0c8b1a-0000-4000-8000-000000000001",
    "2026-11-25T13:28:18.123456Z",
    "custom",
    "custom.invoice.paid",
    "user",
    "u1",
    'Zoë "Z" Ärger\n',
    "invoice",
    "inv_1",
    "Invoice \u2028 1 😀",
    "success",
    "203.0.113.7",
    "Mozilla/5.0 (\\)",
    '{"city": null, "region": "Bavaria", "country": "DE"}',
    "req-1",
    '{"b": [1, 2.5, -0, 1e21, {"z": true, "a": null}], "a": "\\u0000\\t", "é": {"nested": {"k": "v"}}, "10": 1, "9": 2}',
    hex("a"),
    hex("b"),
    hex("c"),
  ],
  [
    "9007199254740991",
    "5e0c8b1a-0000-4000-8000-000000000002",
    "2026-01-01T00:00:00.000000Z",
    "access",
    "access.denied",
    "system",
    null,
    null,
    null,
    null,
    null,
    "denied",
    null,
    null,
    null,
    null,
    "{}",
    hex("d"),
    hex("e"),
    hex("f"),
  ],
  [
    "2",
    "5e0c8b1a-0000-4000-8000-000000000003",
    "2026-02-28T23:59:59.999999Z",
    "audit",
    "audit.exported",
    "api_key",
    "key_1",
    "Key",
    "export",
    null,
    "",
    "failure",
    "::1",
    "",
    "null",
    "",
    '{"list": [], "obj": {}, "n": 0.1}',
    hex("0"),
    hex("1"),
    hex("2"),
  ],
];

describe("the archive's and verifier's fast paths", () => {
  it("writes each row's bundle line exactly as JSON.stringify writes its entry", () => {
    for (const row of rows) expect(bundleLineOf(ORG, row)).toBe(JSON.stringify(bundleEntryOf(ORG, row)));
  });

  it("hashes parsed content exactly as the canonical bytes do", () => {
    for (const row of rows) {
      const content = contentOfBundleEntry(JSON.parse(bundleLineOf(ORG, row)));
      expect(contentHashOfParsed(content)).toBe(contentHashOf(content));
    }
    // Other shapes fall back to the reference canonicalization.
    const content = contentOfBundleEntry(JSON.parse(bundleLineOf(ORG, rows[0])));
    const extra = { ...content, extra: "x" } as EntryContent;
    expect(contentHashOfParsed(extra)).toBe(contentHashOf(extra));
  });

  it("refuses a lone surrogate as the reference does", () => {
    const content = contentOfBundleEntry(JSON.parse(bundleLineOf(ORG, rows[1])));
    const broken = { ...content, metadata: { note: "\ud800" } };
    expect(() => contentHashOf(broken)).toThrow();
    expect(() => contentHashOfParsed(broken)).toThrow();
  });
});

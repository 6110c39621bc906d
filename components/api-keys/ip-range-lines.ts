import { canonicalCidr, isTooWide } from "@/lib/api-keys/ip-ranges";
import { tooWideMessage } from "@/lib/api-keys/schemas";

/** `canonical` is null for an entry the server would refuse: not a range, or too wide to pin a key to. */
export type RangeEntry = { text: string; line: number; canonical: string | null; tooWide?: boolean };

/** The ranges typed into the form, one per line or comma separated, each with its line number and canonical form. */
export function parseRangeLines(value: string): RangeEntry[] {
  return value.split(/\r?\n/).flatMap((lineText, index) =>
    lineText
      .split(",")
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => {
        const canonical = canonicalCidr(text);
        return canonical && isTooWide(canonical)
          ? { text, line: index + 1, canonical: null, tooWide: true }
          : { text, line: index + 1, canonical };
      }),
  );
}

/** Why one entry is refused, naming its line (the same wording as the server's message). */
export function rangeProblem(entry: RangeEntry): string {
  if (entry.tooWide) return `Line ${entry.line}: ${tooWideMessage(canonicalCidr(entry.text) ?? entry.text)}`;
  const hostBits = /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(entry.text)
    ? " If it is a range, its address must be the range's first (10.0.0.0/8, not 10.0.0.1/8)."
    : "";
  return (
    `Line ${entry.line}: "${entry.text.slice(0, 64)}" is not an IPv4 or IPv6 address or CIDR range (for ` +
    `example 203.0.113.0/24 or 2001:db8::/32).${hostBits}`
  );
}

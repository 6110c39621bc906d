import { describe, expect, test } from "vitest";
import { checkpointOrigin, formatCheckpoint, logOrigin, parseCheckpoint } from "./checkpoint-text";

// The example of c2sp.org/tlog-checkpoint.
const SPEC_EXAMPLE = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const root = Buffer.from("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", "base64");

describe("checkpoint text", () => {
  test("formats and parses the spec's example exactly", () => {
    expect(formatCheckpoint({ origin: "example.com/behind-the-sofa", size: 20852163n, rootHash: root })).toBe(
      SPEC_EXAMPLE,
    );
    expect(parseCheckpoint(SPEC_EXAMPLE)).toEqual({
      origin: "example.com/behind-the-sofa",
      size: 20852163n,
      rootHash: root,
      extensions: [],
    });
  });

  test("the empty tree is size 0; extension lines follow the root", () => {
    const text = formatCheckpoint({ origin: "o", size: 0, rootHash: Buffer.alloc(32), extensions: ["x y"] });
    expect(text).toBe(`o\n0\n${"A".repeat(43)}=\nx y\n`);
    expect(parseCheckpoint(text).extensions).toEqual(["x y"]);
  });

  test("parse errors name what is wrong", () => {
    const cases: [string, RegExp][] = [
      [SPEC_EXAMPLE.slice(0, -1), /does not end in a newline/],
      [`${SPEC_EXAMPLE}\n`, /line 4 is empty/],
      [SPEC_EXAMPLE.replace("\n", "\n\n"), /line 2 is empty/],
      ["example.com\n5\n", /2 line\(s\)/],
      [SPEC_EXAMPLE.replace("20852163", "020852163"), /leading zeros/],
      [SPEC_EXAMPLE.replace("20852163", "-1"), /tree size/],
      [SPEC_EXAMPLE.replace("20852163", "18446744073709551616"), /exceeds 2\^64-1/],
      [SPEC_EXAMPLE.replace("q2I=", "q2I"), /not valid base64/],
      [SPEC_EXAMPLE.replace("q2I=", "q2J="), /not valid base64/],
      [SPEC_EXAMPLE.replace("CsUY", ""), /not 32 bytes/],
      [SPEC_EXAMPLE.replace("sofa", "so\tfa"), /control character/],
    ];
    for (const [text, problem] of cases) expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(problem);
  });

  test("formatting refuses what would not parse back", () => {
    expect(() => formatCheckpoint({ origin: "a b", size: 1, rootHash: root })).toThrow(/origin/);
    expect(() => formatCheckpoint({ origin: "a\nb", size: 1, rootHash: root })).toThrow(/origin/);
    expect(() => formatCheckpoint({ origin: "a", size: -1, rootHash: root })).toThrow(/tree size/);
    expect(() => formatCheckpoint({ origin: "a", size: 1.5, rootHash: root })).toThrow(/tree size/);
    expect(() => formatCheckpoint({ origin: "a", size: 1, rootHash: root.subarray(1) })).toThrow(/32 bytes/);
    expect(() => formatCheckpoint({ origin: "a", size: 1, rootHash: root, extensions: [""] })).toThrow(/extension/);
  });
});

describe("checkpoint origin", () => {
  test("VERITY_LOG_ORIGIN, else the panel's host, else localhost and the port", () => {
    expect(checkpointOrigin("org1", { VERITY_LOG_ORIGIN: "log.example.com" })).toBe("log.example.com/orgs/org1");
    expect(checkpointOrigin("org1", { NEXTAUTH_URL: "https://panel.example.com:8443/x" })).toBe(
      "panel.example.com:8443/orgs/org1",
    );
    expect(checkpointOrigin("org1", { PORT: "4000" })).toBe("localhost:4000/orgs/org1");
    expect(logOrigin({})).toBe("localhost:3000");
  });

  test("an origin that would break the key name or the origin line is refused", () => {
    for (const bad of ["https://log.example.com", "log example", "log+1", "log.example.com/"])
      expect(() => logOrigin({ VERITY_LOG_ORIGIN: bad }), bad).toThrow(/VERITY_LOG_ORIGIN/);
    expect(() => checkpointOrigin("a/b", { VERITY_LOG_ORIGIN: "x" })).toThrow(/org id/);
  });
});

import { describe, expect, it } from "vitest";
import { addCheckpointBody, parseWitnessSize } from "./add-checkpoint";

const note = "example.com/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— example.com/log AAAAAQ==\n";

describe("the add-checkpoint request body (C2SP tlog-witness)", () => {
  it("is `old <size>`, one base64 hash a line, an empty line, then the signed checkpoint", () => {
    const proof = [Buffer.alloc(32, 0xff), Buffer.alloc(32, 0x00)];
    expect(addCheckpointBody(2n, proof, note)).toBe(`old 2\n${"/".repeat(42)}8=\n${"A".repeat(43)}=\n\n${note}`);
    expect(addCheckpointBody(0n, [], note)).toBe(`old 0\n\n${note}`);
  });

  it("refuses a proof from size 0 or of more than 63 hashes", () => {
    expect(() => addCheckpointBody(0n, [Buffer.alloc(32)], note)).toThrow(/from size 0 is empty/);
    expect(() =>
      addCheckpointBody(
        1n,
        Array.from({ length: 64 }, () => Buffer.alloc(32)),
        note,
      ),
    ).toThrow(RangeError);
  });
});

describe("a 409 answer", () => {
  it("names the witness's size only as text/x.tlog.size: a decimal and a newline", () => {
    expect(parseWitnessSize("text/x.tlog.size", "20852014\n")).toBe(20852014n);
    expect(parseWitnessSize("text/x.tlog.size; charset=utf-8", "0\n")).toBe(0n);
    expect(parseWitnessSize("text/plain", "12\n")).toBeNull();
    expect(parseWitnessSize(null, "12\n")).toBeNull();
    expect(parseWitnessSize("text/x.tlog.size", "012\n")).toBeNull();
    expect(parseWitnessSize("text/x.tlog.size", "12")).toBeNull();
    expect(parseWitnessSize("text/x.tlog.size", "-1\n")).toBeNull();
  });
});

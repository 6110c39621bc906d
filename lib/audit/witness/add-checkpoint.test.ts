import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCosignerVerifierKey } from "../checkpoints/cosignature";
import { openNote } from "../checkpoints/signed-note";
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

/** docs/checkpoints.md's worked example: each `<!-- example: name -->` and the fenced block after it. */
function docExamples(): Record<string, string> {
  const markdown = readFileSync(join(__dirname, "..", "..", "..", "docs", "checkpoints.md"), "utf8");
  const blocks: Record<string, string> = {};
  for (const [, name, body] of markdown.matchAll(/<!-- example: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g))
    blocks[name] = body;
  return blocks;
}

describe("docs/checkpoints.md's witness example", () => {
  const example = docExamples();

  it("is the request body for the signed note from size 0", () => {
    expect(addCheckpointBody(0n, [], example["signed-note"])).toBe(example["add-checkpoint"]);
  });

  it("is an answer whose line, after the note, makes the cosigned note, verified by the witness's key", () => {
    const cosigned = example["signed-note"] + example["add-checkpoint-answer"];
    expect(cosigned).toBe(example["cosigned-note"]);
    const witness = parseCosignerVerifierKey(example["witness-vkey"].trim());
    const opened = openNote(cosigned, [witness]);
    expect(opened.verifiedBy.map((signature) => signature.keyId)).toEqual(["0ea12664"]);
  });
});

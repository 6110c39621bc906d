import { afterEach, describe, expect, it } from "vitest";
import { formatCosignerVerifierKey } from "@/lib/audit/checkpoints/cosignature";
import { checkWitnessesAtStartUp } from "./witnesses-at-start-up";

const saved = process.env.VERITY_WITNESSES;
afterEach(() => {
  if (saved === undefined) delete process.env.VERITY_WITNESSES;
  else process.env.VERITY_WITNESSES = saved;
});

describe("VERITY_WITNESSES at start-up", () => {
  it("stops the start with the entry that is wrong", async () => {
    process.env.VERITY_WITNESSES = "https://witness.example/ not-a-key";
    await expect(checkWitnessesAtStartUp(() => {})).rejects.toThrow(
      /^VERITY_WITNESSES: witness 1 \(https:\/\/witness.example\/\) has no tlog-cosignature vkey/,
    );
  });

  it("says which witnesses will be asked, and nothing without any", async () => {
    const lines: string[] = [];
    delete process.env.VERITY_WITNESSES;
    await checkWitnessesAtStartUp((line) => lines.push(line));
    expect(lines).toEqual([]);
    process.env.VERITY_WITNESSES = `https://witness.example/ ${formatCosignerVerifierKey("witness.example/w1", Buffer.alloc(32, 7))}`;
    await checkWitnessesAtStartUp((line) => lines.push(line));
    expect(lines).toEqual([
      "Checkpoints are sent for cosigning to 1 witness(es): witness.example/w1 (https://witness.example).",
    ]);
  });
});

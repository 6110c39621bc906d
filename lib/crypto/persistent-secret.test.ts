import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { persistentSecret } from "./persistent-secret";

describe("persistentSecret", () => {
  let dir: string;
  const previous = process.env.VERITY_DATA_DIR;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "verity-secret-"));
    process.env.VERITY_DATA_DIR = join(dir, "data");
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.VERITY_DATA_DIR;
    else process.env.VERITY_DATA_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it("generates the secret once, owner-only, and reads it back afterwards without generating again", () => {
    const generate = vi.fn(() => "first-secret");
    expect(persistentSecret("some-secret", generate)).toBe("first-secret");
    expect(statSync(join(dir, "data", "some-secret")).mode & 0o777).toBe(0o600);

    const again = vi.fn(() => "second-secret");
    expect(persistentSecret("some-secret", again)).toBe("first-secret");
    // Generating is not free (the log signer's is an Ed25519 key pair) and the signer reads it per checkpoint.
    expect(again).not.toHaveBeenCalled();
    expect(readFileSync(join(dir, "data", "some-secret"), "utf8")).toBe("first-secret");
  });

  it("refuses an empty secret file instead of using an empty secret, and leaves no staging file behind", () => {
    persistentSecret("kept", () => "a-secret");
    expect(readdirSync(join(dir, "data"))).toEqual(["kept"]);
    writeFileSync(join(dir, "data", "emptied"), "", { mode: 0o600 });
    expect(() => persistentSecret("emptied", () => "never-used")).toThrow(/emptied is empty/);
  });
});

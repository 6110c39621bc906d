import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Lines stay at most 140 characters (prettier wraps code at 120; long strings, class lists and SQL are
 * wrapped by hand). ESLint 10's own max-len is deprecated (removed in 11), so this test is the check.
 * Markdown is prose, and applied migrations are never edited, so both are left out.
 */
const MAX_LENGTH = 140;
const ROOT = path.resolve(__dirname, "..");
const LEFT_OUT = [/\.md$/, /^prisma\/migrations\//, /^package-lock\.json$/, /\.(png|ico|woff2?|wasm)$/];

function trackedFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" });
  return listed.split("\0").filter((file) => file && !LEFT_OUT.some((pattern) => pattern.test(file)));
}

/** "file:line (n characters)" for every line over the limit in `text`. */
function longLines(file: string, text: string, max = MAX_LENGTH): string[] {
  return text.split("\n").flatMap((line, index) => {
    const length = [...line.replace(/\r$/, "")].length; // characters, not UTF-16 units
    return length > max ? [`${file}:${index + 1} (${length} characters)`] : [];
  });
}

describe("line length", () => {
  it("names the file and line of a line over the limit", () => {
    const text = `short\n${"x".repeat(MAX_LENGTH)}\n${"y".repeat(MAX_LENGTH + 1)}\n${"é".repeat(MAX_LENGTH)}`;
    expect(longLines("lib/example.ts", text)).toEqual([`lib/example.ts:3 (${MAX_LENGTH + 1} characters)`]);
  });

  it(`keeps every tracked file's lines (Markdown and migrations aside) at ${MAX_LENGTH} characters or fewer`, () => {
    const long = trackedFiles().flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, file), "utf8");
      } catch {
        return []; // deleted in the working tree, not yet staged
      }
      return text.includes("\0") ? [] : longLines(file, text);
    });
    expect(long).toEqual([]);
  });
});

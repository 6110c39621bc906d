import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The monitor runs on a customer's machine with no database and none of the server: everything it loads,
 * transitively, is the monitor itself and the pure tree and signed-note code of lib/audit (node: modules and
 * zod aside). A file that imports "server-only", lib/db, or anything outside those folders would break that.
 */
const ROOT = path.resolve(__dirname, "../..");
const ALLOWED = [/^lib\/monitor\//, /^lib\/audit\/tree\//, /^lib\/audit\/checkpoints\//];
const PACKAGES = [/^node:/, /^zod$/];
const IMPORT = new RegExp(
  [
    String.raw`(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']`, // import … from "x"
    String.raw`\bimport\s*\(\s*["']([^"']+)["']\s*\)`, // import("x")
    String.raw`(?:^|\n)\s*import\s+["']([^"']+)["']`, // import "x"
  ].join("|"),
  "g",
);

function resolve(from: string, specifier: string): string {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : path.join(path.dirname(from), specifier);
  const found = ["", ".ts", "/index.ts"]
    .map((suffix) => `${base}${suffix}`)
    .find((file) => existsSync(path.join(ROOT, file)));
  return found ?? base;
}

/** Every module the file loads, transitively: repository files by path, packages by name. */
function closure(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const match of readFileSync(path.join(ROOT, file), "utf8").matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const target = specifier.startsWith(".") || specifier.startsWith("@/") ? resolve(file, specifier) : specifier;
      if (seen.has(target)) continue;
      seen.add(target);
      if (target.endsWith(".ts")) queue.push(target);
    }
  }
  return seen;
}

const monitorFiles = readdirSync(path.join(ROOT, "lib/monitor"))
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
  .map((name) => `lib/monitor/${name}`);

describe("the monitor's imports", () => {
  it.each(monitorFiles)("%s loads only the monitor, the pure tree and signed-note code, node: and zod", (file) => {
    const outside = [...closure(file)].filter(
      (module) => !ALLOWED.some((folder) => folder.test(module)) && !PACKAGES.some((name) => name.test(module)),
    );
    expect(outside).toEqual([]);
  });

  it("would notice server code", () => {
    expect([...closure("lib/audit/integrate/last-checkpoint.ts")]).toContain("server-only");
  });
});

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { layerOf } from "../layers.mjs";

/**
 * The guard is one pipeline above the domains (DESIGN §1, §5): nothing below it reaches back into it,
 * permissions are decided in lib/rbac, and each of its steps is written once.
 */
const LIB = path.resolve(__dirname, "..");

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourcesUnder(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const from = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]);
  const dynamic = [...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return [...from, ...dynamic];
}

const relative = (file: string) => path.relative(LIB, file);
/** Every `@/lib/…` import under `folder` that `allowed` refuses, as "file → import". */
function offending(folder: string, allowed: (specifier: string) => boolean): string[] {
  return sourcesUnder(path.join(LIB, folder)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => specifier.startsWith("@/lib/") && !allowed(specifier))
      .map((specifier) => `${relative(file)} → ${specifier}`),
  );
}

describe("the guard's place in the layers", () => {
  it("lets no folder of lib below the guard import it (lib/testing drives entry points, so it may)", () => {
    const folders = readdirSync(LIB).filter((name) => statSync(path.join(LIB, name)).isDirectory());
    const guardRank = layerOf("lib/guard")!.rank;
    const below = folders.filter((name) => name !== "testing" && (layerOf(`lib/${name}`)?.rank ?? 0) < guardRank);
    const domains = ["api-keys", "audit", "context", "rbac", "members", "billing", "webhooks"];
    expect(below).toEqual(expect.arrayContaining(domains));
    const notGuard = (specifier: string) => !specifier.startsWith("@/lib/guard");
    expect(below.flatMap((folder) => offending(folder, notGuard))).toEqual([]);
  });

  it("keeps lib/rbac low: it imports nothing from lib but lib/context", () => {
    const low = (specifier: string) => specifier.startsWith("@/lib/context") || specifier.startsWith("@/lib/rbac");
    expect(offending("rbac", low)).toEqual([]);
  });

  it("writes to the trail in one place: the refusal recorder", () => {
    const call = /\bappendAuditEntry\w*\s*\(/g; // whichever variant: in a transaction or on its own
    const appending = sourcesUnder(path.join(LIB, "guard")).filter((file) => readFileSync(file, "utf8").match(call));
    expect(appending.map(relative)).toEqual(["guard/record-refusal.ts"]);
    expect(readFileSync(path.join(LIB, "guard/record-refusal.ts"), "utf8").match(call)).toHaveLength(1);
  });

  it("states the request's transaction timeout once", () => {
    const timeout = /\b15_?000\b/;
    const stating = sourcesUnder(path.join(LIB, "guard")).filter((file) => timeout.test(readFileSync(file, "utf8")));
    expect(stating.map(relative)).toEqual(["guard/run-work.ts"]);
  });

  it("decides what a key may do in the guard, not in its lookup", () => {
    const lookup = path.join(LIB, "api-keys/authenticate-api-key.ts");
    const deciding = /^@\/lib\/(audit|guard|rbac\/effective-permissions)/;
    expect(importsOf(lookup).filter((specifier) => deciding.test(specifier))).toEqual([]);
    expect(readFileSync(lookup, "utf8")).not.toMatch(/ROLE_PERMISSIONS|roleHasPermission/);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * lib/context is the ground floor: every layer, client components included, names principals,
 * organizations and requests from here. It stays client-safe only if it reaches nothing above it:
 * no "server-only", no database, no next-auth, nothing but lib/rbac, zod and its own files.
 */
const DIR = __dirname;
const ALLOWED = [/^\.\/[a-z-]+$/, /^@\/lib\/rbac(\/[a-z-]+)?$/, /^zod$/];

function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/g)].map(
    (m) => m[1],
  );
  const bare = [...source.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)].map((m) => m[1]);
  const dynamic = [...source.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return [...specifiers, ...bare, ...dynamic];
}

function forbiddenImports(source: string): string[] {
  return importsOf(source).filter((specifier) => !ALLOWED.some((allowed) => allowed.test(specifier)));
}

describe("lib/context (the shared vocabulary)", () => {
  const files = readdirSync(DIR).filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".test.ts"));

  it("holds the vocabulary's files", () => {
    expect(files).toEqual(
      expect.arrayContaining(["index.ts", "principal.ts", "org-context.ts", "request-context.ts", "audit-party.ts"]),
    );
  });

  it.each(files)("%s imports nothing but lib/rbac, zod and its own files", (name) => {
    expect(forbiddenImports(readFileSync(path.join(DIR, name), "utf8"))).toEqual([]);
  });

  it("would notice a server-only, database or guard import", () => {
    const offending = [
      'import "server-only";',
      'import { getDb } from "@/lib/db";',
      "import type { Principal } from '@/lib/guard/principal';",
      'export { decode } from "next-auth/jwt";',
      'import {\n  appendAuditEntry,\n} from "@/lib/audit";',
      'const db = await import("@/lib/db");',
    ];
    for (const line of offending) expect(forbiddenImports(line), line).not.toEqual([]);
    expect(
      forbiddenImports(
        'import type { Permission } from "@/lib/rbac/permissions";\nimport { actorOf } from "./principal";',
      ),
    ).toEqual([]);
  });
});

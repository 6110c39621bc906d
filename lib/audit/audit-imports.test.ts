import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The audit core sits below every domain (DESIGN §1, §5): domains append to it and read from it, it
 * reaches up into none of them. And lib/http, which every route uses, knows no audit module.
 */
const ROOT = path.resolve(__dirname, "../..");
const ABOVE_THE_CORE = /^@\/(lib\/(webhooks|billing|rest|guard|auth|api-keys|orgs|members)|app)(\/|$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/g;

function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(STATIC_IMPORT)].map((m) => m[1]);
  const dynamic = [...source.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return [...specifiers, ...dynamic];
}

const relative = (file: string) => path.relative(ROOT, file);
const importsIn = (file: string) => importsOf(readFileSync(path.join(ROOT, file), "utf8"));
const fromAbove = (source: string) => importsOf(source).filter((specifier) => ABOVE_THE_CORE.test(specifier));

describe("the audit core's place in the layers", () => {
  it.each(sourceFiles(path.join(ROOT, "lib/audit")).map(relative))("%s imports no domain above it", (file) => {
    expect(importsIn(file).filter((specifier) => ABOVE_THE_CORE.test(specifier))).toEqual([]);
  });

  it.each(sourceFiles(path.join(ROOT, "lib/http")).map(relative))("%s imports nothing from lib/audit", (file) => {
    expect(importsIn(file).filter((specifier) => specifier.startsWith("@/lib/audit"))).toEqual([]);
  });

  it("would notice an import from above", () => {
    const offending = [
      "import { OUTBOX_CTE } from '@/lib/webhooks/outbox';",
      "import { meter } from '@/lib/billing/usage';",
      'const page = await import("@/app/page");',
    ];
    for (const line of offending) expect(fromAbove(line), line).not.toEqual([]);
    expect(fromAbove('import { Prisma } from "@/lib/db";\nimport { redactMetadata } from "./redact";')).toEqual([]);
  });
});
